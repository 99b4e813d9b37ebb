import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../context';
import { problem, fail } from '../errors';
import { safeEqual, sha256Hex } from '../auth/secrets';
import { rateLimit } from './rate-limit';
import { sessionBySecret, userByToken, type StaffUser } from '../store/users';

/** Name of the console session cookie. */
export const SESSION_COOKIE = 'ebx_session';
/** Header the console echoes its CSRF token in, on every unsafe request. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requests per minute per API token or console session, whatever the route: one leaked or runaway
 * token cannot take the server for itself. Counted by the credential's hash (never the secret), in
 * one limiter for every staff sub-app.
 */
const perCredential = rateLimit({
  name: 'staff',
  windowMs: 60_000,
  max: (c) => c.get('deps').config.staffRatePerMinute,
  key: (c) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    return bearer ? `token ${sha256Hex(bearer)}` : `session ${sha256Hex(getCookie(c, SESSION_COOKIE) ?? '')}`;
  },
});

/**
 * Authenticate staff by bearer token (extension, scripts) or session cookie (console). Cookie
 * requests that change state must carry the session's CSRF token; bearer requests cannot be
 * forged cross-site, so they need none. A console session whose first-start password is still
 * unchanged gets 403 password_change_required, except where `allowPasswordChangePending` (/me,
 * change password, sign out). Bearer tokens are not held back: the first-start token goes to
 * scripts and the CLI, and holding it already proves its holder read the first-start output.
 * Each token or session is then held to
 * `config.staffRatePerMinute` (429 rate_limited with Retry-After).
 */
export function staffAuth(options: { allowPasswordChangePending?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, now } = c.get('deps');
    const header = c.req.header('authorization');
    let user: StaffUser | undefined;
    let via: 'token' | 'session' = 'token';
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw fail.unauthenticated();
      const found = await userByToken(db, match[1], now());
      if (found === 'expired') {
        throw problem('token_expired', { detail: 'This API token has expired; create a new one.' });
      }
      user = found;
    } else {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) {
        const session = await sessionBySecret(db, secret, now());
        if (session) {
          via = 'session';
          user = session.user;
          c.set('session', session);
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (!SAFE.has(c.req.method) && !safeEqual(sent, session.csrfToken)) {
            throw problem('csrf_failed', { detail: 'The CSRF token is missing or wrong. Reload the console and try again.' });
          }
        }
      }
    }
    if (!user) throw fail.unauthenticated();
    if (via === 'session' && user.mustChangePassword && !options.allowPasswordChangePending) {
      throw problem('password_change_required', { detail: 'Change the first-start password first (POST /api/v1/auth/password).' });
    }
    c.set('actor', { id: user.id, name: user.name, role: user.role, department: user.department, via });
    return perCredential(c, next);
  };
}
