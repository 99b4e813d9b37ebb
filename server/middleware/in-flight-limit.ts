import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { problem } from '../errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Seconds a refused client waits; the widget and extension honour it (shared/sync/request.ts). */
const RETRY_AFTER = 2;

/**
 * Cap on write requests handled at once, per app: one more is answered 503 overloaded with
 * Retry-After at once, before its body is parsed, instead of waiting in memory without limit
 * behind the database. Reads pass uncounted; they hold little and end quickly. `server/main.ts`
 * also refuses at this cap before reading a body (prefetchBodies); this guard keeps the app bounded
 * wherever else it is served.
 */
export function writesInFlight(options: { max: (c: Context<AppEnv>) => number }): MiddlewareHandler<AppEnv> {
  if (typeof options.max !== 'function') throw new Error('writesInFlight: max must be a function');
  const counts = new WeakMap<object, { n: number }>();
  return async (c, next) => {
    if (!WRITES.has(c.req.method)) return next();
    const deps = c.get('deps');
    let inFlight = counts.get(deps);
    if (!inFlight) counts.set(deps, (inFlight = { n: 0 }));
    if (inFlight.n >= options.max(c)) {
      throw problem('overloaded', { detail: 'The server is busy; try again after Retry-After seconds.', retryAfter: RETRY_AFTER });
    }
    inFlight.n++;
    try {
      await next();
    } finally {
      inFlight.n--;
    }
  };
}

/**
 * Cap on write requests one client (`key`, e.g. a site and client network) has in flight at once:
 * one more is answered 429 rate_limited with Retry-After before its body is used. A flooding
 * client then holds a few of the server's write slots, not all of them, so the requests of others
 * wait behind a few of its writes instead of dozens (the per-minute rate limit counts requests,
 * not how many run at once).
 */
export function clientWritesInFlight(options: { max: (c: Context<AppEnv>) => number; key: (c: Context<AppEnv>) => string }): MiddlewareHandler<AppEnv> {
  if (typeof options.max !== 'function' || typeof options.key !== 'function') throw new Error('clientWritesInFlight: max and key must be functions');
  const counts = new WeakMap<object, Map<string, number>>();
  return async (c, next) => {
    if (!WRITES.has(c.req.method)) return next();
    const deps = c.get('deps');
    let clients = counts.get(deps);
    if (!clients) counts.set(deps, (clients = new Map()));
    const key = options.key(c);
    const n = clients.get(key) ?? 0;
    const max = options.max(c);
    if (n >= max) {
      throw problem('rate_limited', {
        detail: 'Too many requests from this client at once; try again after Retry-After seconds.',
        retryAfter: 1,
        limit: max,
        scope: 'client_in_flight',
      });
    }
    clients.set(key, n + 1);
    try {
      await next();
    } finally {
      const left = (clients.get(key) ?? 1) - 1;
      // Only clients with writes running are kept: the map cannot grow with every address seen.
      if (left > 0) clients.set(key, left);
      else clients.delete(key);
    }
  };
}
