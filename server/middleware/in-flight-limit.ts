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
