import { globMatch } from '../../shared/domain/glob-match';
import type { AdapterDefinition, UrlPattern } from '../../shared/schemas/adapter';

/**
 * Whether one URL pattern matches a parsed URL (host with port when there is one). Globs go through
 * the shared matcher, never a RegExp built from a served definition: in hosts `*` stays within one
 * label, in paths within one segment, and `**` crosses either.
 */
export function urlPatternMatches(pattern: UrlPattern, url: URL): boolean {
  const host = pattern.host.includes(':') ? url.host || url.hostname : url.hostname;
  const hostGlob = pattern.host.endsWith(':*') && !url.port ? pattern.host.slice(0, -2) : pattern.host;
  return globMatch(hostGlob, host, '.') && globMatch(pattern.path, url.pathname);
}

/** Whether any of the adapter's URL patterns matches. */
export function adapterMatchesUrl(adapter: AdapterDefinition, url: URL): boolean {
  return adapter.urls.some((pattern) => urlPatternMatches(pattern, url));
}

/** Parse a URL, or null. */
export function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}
