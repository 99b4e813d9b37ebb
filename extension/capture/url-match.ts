import type { AdapterDefinition, UrlPattern } from '../../shared/schemas/adapter';

const cache = new Map<string, RegExp>();

const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Glob to anchored regex: in hosts `*` is one or more label characters, in paths `*` one segment and `**` anything. */
function globRegExp(glob: string, kind: 'host' | 'path'): RegExp {
  const key = `${kind}:${glob}`;
  let re = cache.get(key);
  if (!re) {
    const body = glob
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map(escape)
          .join(kind === 'host' ? '[a-z0-9-]+' : '[^/]*'),
      )
      .join('.*');
    re = new RegExp(`^${body}$`, kind === 'host' ? 'i' : '');
    cache.set(key, re);
  }
  return re;
}

/** Whether one URL pattern matches a parsed URL (host with port when there is one). */
export function urlPatternMatches(pattern: UrlPattern, url: URL): boolean {
  const host = pattern.host.includes(':') ? url.host || url.hostname : url.hostname;
  const hostGlob = pattern.host.endsWith(':*') && !url.port ? pattern.host.slice(0, -2) : pattern.host;
  return globRegExp(hostGlob, 'host').test(host) && globRegExp(pattern.path, 'path').test(url.pathname);
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
