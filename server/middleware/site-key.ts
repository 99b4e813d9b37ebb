import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { problem } from '../errors';
import { findActiveSiteKey } from '../store/site-keys';

/** Header the widget sends its public site key in. */
export const SITE_KEY_HEADER = 'x-echobox-site-key';
/** Query parameter a GET may carry the site key in (an EventSource or <img> cannot set headers). */
export const SITE_KEY_QUERY = 'siteKey';

/** Longest key worth looking up; real keys are far shorter, so longer input is refused unread. */
const MAX_KEY_LENGTH = 128;

/**
 * Admit a widget request: the site key (header, or `?siteKey=` on GET/HEAD) must name an active
 * site (401 unknown_site_key), and the request's Origin must be exactly one of that site's
 * allowed origins (403 origin_not_allowed; a missing or opaque `null` Origin is refused too, as
 * browsers always send one on cross-origin fetches). Sets `c.get('site')`.
 */
export function siteKey(options: { allowQuery?: boolean } = {}): MiddlewareHandler<AppEnv> {
  if (options.allowQuery !== undefined && typeof options.allowQuery !== 'boolean') {
    throw new Error('siteKey: allowQuery must be a boolean');
  }
  const allowQuery = options.allowQuery ?? true;
  return async (c, next) => {
    const method = c.req.method;
    const fromQuery = allowQuery && (method === 'GET' || method === 'HEAD') ? c.req.query(SITE_KEY_QUERY) : undefined;
    const key = c.req.header(SITE_KEY_HEADER) ?? fromQuery;
    const row = key && key.length <= MAX_KEY_LENGTH ? await findActiveSiteKey(c.get('deps').db, key) : undefined;
    if (!row) {
      throw problem('unknown_site_key', { detail: 'The site key is unknown or no longer active.' });
    }
    // Browsers leave Origin off same-origin GETs; Sec-Fetch-Site (which pages cannot set) says so,
    // and then the page's origin is this server's own.
    const origin =
      c.req.header('origin') ?? (c.req.header('sec-fetch-site') === 'same-origin' ? new URL(c.req.url).origin : undefined);
    if (!origin || origin === 'null' || !row.allowedOrigins.includes(origin)) {
      throw problem('origin_not_allowed', { detail: 'This site key may not be used from this origin.', origin: origin ?? null });
    }
    c.set('site', {
      id: row.id,
      key: row.key,
      department: row.department,
      identitySecret: row.identitySecret,
      ratePerMinute: row.ratePerMinute,
      origin,
      allowedQueryKeys: row.allowedQueryKeys,
    });
    await next();
  };
}
