import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../context';
import { problem, problemResponse } from '../errors';
import { countRequest } from '../store/rate-counters';

/** Options of `rateLimit`. */
export interface RateLimitOptions {
  /** Length of one counting window. */
  windowMs: number;
  /** Requests allowed per window and key; a function reads it per request (e.g. from the site). */
  max: number | ((c: Context<AppEnv>) => number);
  /** What is counted together, e.g. site id plus client address. */
  key: (c: Context<AppEnv>) => string;
  /** Most keys tracked at once in memory; beyond it the oldest window is dropped (default 10 000). */
  maxKeys?: number;
  /** Names this limiter's counters in the shared table, apart from other limiters' (default 'default'). */
  name?: string;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window request counter answering 429 rate_limited with Retry-After. With
 * `config.sharedRateLimits` (the default on PostgreSQL) the counters live in the database, one
 * statement per request, shared by every instance (the 429 body says `scope: 'shared'`). Otherwise
 * they live in memory, PER SERVER INSTANCE: no database write per request, at the cost that N
 * instances together admit up to N times the limit (`scope: 'instance'`; PGlite is one process
 * anyway). In-memory counters are kept per app (per `deps`) and bounded: expired windows are
 * evicted as time passes and at most `maxKeys` are kept. Time comes from `deps.now()`.
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
  const name = options.name ?? 'default';
  if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) throw new Error('rateLimit: name must be 1–64 letters, digits, _ . -');
  const tables = new WeakMap<object, Map<string, Window>>();

  const refuse = (c: Context<AppEnv>, limit: number, resetAt: number, now: number, scope: 'instance' | 'shared') => {
    const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
    // problemResponse sends `retryAfter` as the Retry-After header too.
    return problemResponse(
      c,
      problem('rate_limited', { detail: 'Too many requests; try again after Retry-After seconds.', retryAfter, limit, windowMs, scope }),
    );
  };

  return async (c, next) => {
    const deps = c.get('deps');
    if (deps.config.sharedRateLimits) {
      const now = deps.now().getTime();
      const limit = Math.max(0, Math.floor(typeof max === 'function' ? max(c) : max));
      // The window length is part of the key, so two limiters that share a name never share a window.
      const window = await countRequest(deps.db, `${name}/${windowMs}/${key(c)}`, windowMs, now);
      if (window.count > limit) return refuse(c, limit, window.start + windowMs, now, 'shared');
      await next();
      return;
    }
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
    if (window.count >= limit) return refuse(c, limit, window.start + windowMs, now, 'instance');
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
  const forwarded = trustProxy ? proxiedAddress(c.req.header('x-forwarded-for')) : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The right-most entry of an X-Forwarded-For header (the one our own proxy appended), if any. */
export function proxiedAddress(forwardedFor: string | undefined): string | undefined {
  return forwardedFor?.split(',').map((s) => s.trim()).filter(Boolean).pop();
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
    name: 'site',
    windowMs: 60_000,
    max: (c) => c.get('site').ratePerMinute,
    key: (c) => `${c.get('site').id} ${clientAddress(c, trust(c))}`,
    ...(options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {}),
  });
}
