import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context';
import { ApiError, fail } from '../errors';
import { hashPassword, newSecret, verifyPassword } from '../auth/secrets';
import { validate } from '../middleware/validate';
import { SESSION_COOKIE, staffAuth } from '../middleware/staff-auth';
import { createSession, deleteSession, findUser, sessionBySecret, updateUser, verifyLogin } from '../store/users';
import { LoginRequest, PasswordChange } from '../../shared/schemas/staff';
import { clientAddress, rateLimit } from '../middleware/rate-limit';

let decoyHash: Promise<string> | undefined;

/**
 * Spend the same scrypt work as a real password check when there is no password to check, so the
 * response time does not tell which e-mail addresses have an account.
 */
async function checkDecoyPassword(password: string): Promise<void> {
  decoyHash ??= hashPassword(newSecret('decoy'));
  await verifyPassword(password, await decoyHash);
}

const wrongCredentials = () => new ApiError(401, 'unauthenticated', 'The e-mail address or password is wrong.');

/** Cookie attributes: JavaScript cannot read it and no other site can send it. */
const cookieOptions = (c: Context<AppEnv>) =>
  ({ path: '/', httpOnly: true, sameSite: 'Strict', secure: c.get('deps').config.secureCookies }) as const;

/** Slows password guessing: 10 attempts a minute per account and client address (per instance, see rateLimit). */
const loginLimit = rateLimit({
  windowMs: 60_000,
  max: 10,
  // Runs after validation, so the e-mail is the parsed one.
  key: (c) => {
    const { email } = (c.req as unknown as { valid(target: 'json'): { email: string } }).valid('json');
    return `login ${email.toLowerCase()} ${clientAddress(c, c.get('deps').config.trustProxy)}`;
  },
});

/**
 * Console sign-in and sign-out, and "who am I" for both the console (session cookie) and the
 * extension (bearer token). Mounted at /api/v1/auth.
 */
export const auth = new Hono<AppEnv>()
  .post('/login', validate('json', LoginRequest), loginLimit, async (c) => {
    const { db, now } = c.get('deps');
    const { email, password } = c.req.valid('json');
    const known = await findUser(db, email);
    if (!known || known.disabled) {
      await checkDecoyPassword(password);
      throw wrongCredentials();
    }
    const user = await verifyLogin(db, email, password);
    if (!user) throw wrongCredentials();
    // A fresh session id on every sign-in; the one the browser held before is ended (no fixation).
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    const { secret, csrfToken } = await createSession(db, user.id, now());
    setCookie(c, SESSION_COOKIE, secret, cookieOptions(c));
    return c.json({ user, csrfToken });
  })
  .post('/logout', staffAuth(), async (c) => {
    if (c.get('actor').via === 'session') {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await deleteSession(c.get('deps').db, secret);
      deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    }
    return c.body(null, 204);
  })
  .post('/password', staffAuth(), validate('json', PasswordChange), async (c) => {
    const { db, now } = c.get('deps');
    const actor = c.get('actor');
    const { currentPassword, newPassword } = c.req.valid('json');
    const known = await findUser(db, actor.id);
    if (!known || !(await verifyLogin(db, known.email, currentPassword))) {
      throw fail.validation([{ path: ['currentPassword'], code: 'incorrect', message: 'The current password is wrong.' }]);
    }
    // updateUser ends every session of the account (a stolen one too); this browser gets a fresh one.
    const user = await updateUser(db, actor.id, { password: newPassword });
    if (!user) throw fail.unauthenticated();
    if (actor.via !== 'session') return c.json({ user });
    const { secret, csrfToken } = await createSession(db, user.id, now());
    setCookie(c, SESSION_COOKIE, secret, cookieOptions(c));
    return c.json({ user, csrfToken });
  })
  .get('/me', staffAuth(), async (c) => {
    const { db, now } = c.get('deps');
    const actor = c.get('actor');
    if (actor.via === 'session') {
      const session = await sessionBySecret(db, getCookie(c, SESSION_COOKIE) ?? '', now());
      if (!session) throw fail.unauthenticated();
      return c.json({ user: session.user, csrfToken: session.csrfToken });
    }
    const user = await findUser(db, actor.id);
    if (!user) throw fail.unauthenticated();
    return c.json({ user });
  });
