import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../context';
import type { Logger } from '../logging/logger';

/** A request id a proxy in front may pass on; anything else is replaced by our own. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's id: the one a proxy in front passed on, when it is well-formed, else a new one. */
export const requestIdFrom = (forwarded: string | undefined): string => (forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID());

/**
 * One log line per request (id, method, route pattern, status, duration) and the `x-request-id`
 * response header. The route is the pattern (`/api/v1/records/:id`), never the path's values, the
 * query string, headers or body, so no token or personal data reaches the log.
 */
export function requestLog(options: { logger: Logger }): MiddlewareHandler<AppEnv> {
  const { logger } = options;
  if (typeof logger?.info !== 'function') throw new Error('requestLog: a logger is required');
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    await next();
    try {
      c.res.headers.set('x-request-id', requestId);
    } catch {
      // a Response with immutable headers (passed through from fetch): copy it to add ours
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('x-request-id', requestId);
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    logger.info({ requestId, method: c.req.method, route: routePath(c), status: c.res.status, durationMs }, 'request');
  };
}
