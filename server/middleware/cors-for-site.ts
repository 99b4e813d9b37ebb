import { and, eq, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import type { Db } from '../db/open';
import { siteKeys } from '../db/schema';
import { problem } from '../errors';
import { SITE_KEY_HEADER } from './site-key';

/** Header the widget sends its reporter credential in. */
export const REPORTER_HEADER = 'x-echobox-reporter';

const ALLOW_HEADERS = ['content-type', SITE_KEY_HEADER, REPORTER_HEADER].join(', ');
const ALLOW_METHODS = 'GET, HEAD, POST, OPTIONS';
/** Response headers a widget script must be able to read (back-off after 429). */
const EXPOSE_HEADERS = 'Retry-After';

/** Whether any active site key lists this origin. */
async function originKnown(db: Db, origin: string): Promise<boolean> {
  const rows = await db
    .select({ id: siteKeys.id })
    .from(siteKeys)
    .where(and(eq(siteKeys.active, true), sql`${siteKeys.allowedOrigins} @> ${JSON.stringify([origin])}::jsonb`))
    .limit(1);
  return rows.length > 0;
}

/**
 * CORS for the public widget API, for the origins of active site keys only, echoing the exact
 * origin (never `*`, no credentials). A preflight carries no site key, so it is allowed when ANY
 * active key lists the origin; the real request is then held to its own key by `siteKey()`.
 * That lookup is cached per app for `cacheMs` (a deactivated origin may pass preflight until the
 * entry expires, but never the real request). Mount on `/api/v1/public/*` before other middleware
 * so error responses carry the CORS headers too and the widget can read them.
 */
export function corsForSite(options: { cacheMs?: number; maxCachedOrigins?: number } = {}): MiddlewareHandler<AppEnv> {
  const cacheMs = options.cacheMs ?? 30_000;
  const maxCached = options.maxCachedOrigins ?? 1_000;
  if (!Number.isInteger(cacheMs) || cacheMs < 0) throw new Error('corsForSite: cacheMs must be an integer >= 0');
  if (!Number.isInteger(maxCached) || maxCached < 1) throw new Error('corsForSite: maxCachedOrigins must be an integer >= 1');
  // Keyed by the app's deps so two apps in one process (tests, or two databases) never share answers.
  const caches = new WeakMap<object, Map<string, { allowed: boolean; until: number }>>();

  async function allowed(deps: AppEnv['Variables']['deps'], origin: string): Promise<boolean> {
    let cache = caches.get(deps);
    if (!cache) caches.set(deps, (cache = new Map()));
    const now = deps.now().getTime();
    const hit = cache.get(origin);
    if (hit && hit.until > now) return hit.allowed;
    const answer = await originKnown(deps.db, origin);
    cache.delete(origin);
    // Map keeps insertion order, so the first key is the oldest entry: evicting it bounds memory.
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    if (cacheMs > 0) cache.set(origin, { allowed: answer, until: now + cacheMs });
    return answer;
  }

  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && origin !== 'null' && (await allowed(c.get('deps'), origin));
    if (c.req.method === 'OPTIONS') {
      c.header('Vary', 'Origin', { append: true });
      if (!ok) throw problem('origin_not_allowed', { detail: 'No active site key allows this origin.' });
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    await next();
    // On the finished response's own headers: c.header() now would copy the whole response each time.
    const headers = c.res.headers;
    headers.append('Vary', 'Origin');
    if (ok) {
      headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}
