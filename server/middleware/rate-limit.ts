import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../context';
import { ApiError, problemResponse } from '../errors';

/** Options of `rateLimit`. */
export interface RateLimitOptions {
  /** Length of one counting window. */
  windowMs: number;
  /** Requests allowed per window and key; a function reads it per request (e.g. from the site). */
  max: number | ((c: Context<AppEnv>) => number);
  /** What is counted together, e.g. site id plus client address. */
  key: (c: Context<AppEnv>) => string;
  /** Most keys tracked at once; beyond it the oldest window is dropped (default 10 000). */
  maxKeys?: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window request counter answering 429 rate_limited with Retry-After. The counters live in
 * memory, PER SERVER INSTANCE, by design: no database write per request, at the cost that N
 * instances together admit up to N times the limit (the 429 body says `scope: 'instance'`).
 * Counters are kept per app (per `deps`), time comes from `deps.now()`, and memory is bounded:
 * expired windows are evicted as time passes and at most `maxKeys` are kept.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const { windowMs, max, key } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(windowMs) || windowMs <= 0) throw new Error('rateLimit: windowMs must be a positive integer');
  if (typeof max !== 'function' && (!Number.isInteger(max) || max < 0)) {
    throw new Error('rateLimit: max must be an integer >= 0 or a function');
  }
  if (typeof key !== 'function') throw new Error('rateLimit: key must be a function');
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new Error('rateLimit: maxKeys must be a positive integer');
  const tables = new WeakMap<object, Map<string, Window>>();

  return async (c, next) => {
    const deps = c.get('deps');
    let windows = tables.get(deps);
    if (!windows) tables.set(deps, (windows = new Map()));
    const now = deps.now().getTime();
    // Entries are re-inserted when their window restarts, so the map is ordered by window start
    // and expired windows sit at its head.
    for (const [k, w] of windows) {
      if (now - w.start < windowMs) break;
      windows.delete(k);
    }
    const id = key(c);
    const limit = Math.max(0, Math.floor(typeof max === 'function' ? max(c) : max));
    let window = windows.get(id);
    if (window && (now < window.start || now - window.start >= windowMs)) {
      windows.delete(id);
      window = undefined;
    }
    if (!window) {
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
      window = { start: now, count: 0 };
      windows.set(id, window);
    }
    if (window.count >= limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
      const response = problemResponse(
        c,
        new ApiError(429, 'rate_limited', 'Too many requests; try again after Retry-After seconds.', {
          retryAfter,
          limit,
          windowMs,
          scope: 'instance',
        }),
      );
      response.headers.set('Retry-After', String(retryAfter));
      return response;
    }
    window.count++;
    await next();
  };
}

/**
 * The client's address for rate limiting. With `trustProxy`, the right-most X-Forwarded-For entry
 * (the one our own proxy appended; entries left of it are client-supplied and spoofable);
 * otherwise the socket's peer address; 'unknown' where there is no socket (app.request in tests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The widget limit: the site key's ratePerMinute per site AND client address. Run after
 * `siteKey()`. `trustProxy` defaults to `deps.config.trustProxy` when the config has it, else off.
 */
export function siteRateLimit(options: { trustProxy?: boolean; maxKeys?: number } = {}): MiddlewareHandler<AppEnv> {
  if (options.trustProxy !== undefined && typeof options.trustProxy !== 'boolean') {
    throw new Error('siteRateLimit: trustProxy must be a boolean');
  }
  const trust = (c: Context<AppEnv>) =>
    options.trustProxy ?? c.get('deps').config.trustProxy;
  return rateLimit({
    windowMs: 60_000,
    max: (c) => c.get('site').ratePerMinute,
    key: (c) => `${c.get('site').id} ${clientAddress(c, trust(c))}`,
    ...(options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {}),
  });
}
