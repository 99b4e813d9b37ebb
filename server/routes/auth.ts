import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context';
import { problem, fail, problemResponse } from '../errors';
import { hashPassword, needsRehash, newSecret, verifyPassword, type ScryptCost } from '../auth/secrets';
import { validate } from '../middleware/validate';
import { SESSION_COOKIE, staffAuth } from '../middleware/staff-auth';
import {
  changeOwnPassword,
  createSession,
  deleteSession,
  findUser,
  replacePasswordHash,
  userWithPassword,
} from '../store/users';
import { LoginRequest, PasswordChange } from '../../shared/schemas/staff';
import { clientAddress, rateLimit } from '../middleware/rate-limit';
import { addressNetwork } from '../middleware/address-network';

/** Decoy hashes per cost, made once: checked when there is no password, so that case takes the same work. */
const decoys = new Map<string, Promise<string>>();

/** Check `password` against a decoy hash at today's cost; always false, after the same scrypt work as a real check. */
async function checkDecoyPassword(password: string, cost: ScryptCost): Promise<false> {
  const id = `${cost.logN},${cost.r},${cost.p}`;
  let decoy = decoys.get(id);
  if (!decoy) decoys.set(id, (decoy = hashPassword(newSecret('decoy'), cost)));
  await verifyPassword(password, await decoy);
  return false;
}

const wrongCredentials = () => problem('unauthenticated', { detail: 'The e-mail address or password is wrong.' });

/** Cookie attributes: JavaScript cannot read it and no other site can send it. */
const cookieOptions = (c: Context<AppEnv>) =>
  ({ path: '/', httpOnly: true, sameSite: 'Strict', secure: c.get('deps').config.secureCookies }) as const;

/** Sign-in attempts per minute from one client network (an IPv4 address or an IPv6 /64), whatever the e-mail. */
export const LOGIN_PER_NETWORK = 10;
/** Sign-in attempts per minute at one e-mail address, from anywhere. */
export const LOGIN_PER_EMAIL = 10;

const network = (c: Context<AppEnv>) => addressNetwork(clientAddress(c, c.get('deps').config.trustProxy));

/**
 * Slows password spraying (many e-mails from one network) and guessing (one e-mail from many):
 * both limits run before any hashing, so refused attempts cost no CPU. Per instance, see rateLimit.
 */
const loginPerNetwork = rateLimit({ windowMs: 60_000, max: LOGIN_PER_NETWORK, key: (c) => `login-net ${network(c)}` });
const loginPerEmail = rateLimit({
  windowMs: 60_000,
  max: LOGIN_PER_EMAIL,
  // Runs after validation, so the e-mail is the parsed (lowercased) one.
  key: (c) => `login-email ${(c.req as unknown as { valid(target: 'json'): { email: string } }).valid('json').email}`,
});
/** Password changes per minute from one network: a stolen session cannot guess the current password fast. */
const passwordChangePerNetwork = rateLimit({ windowMs: 60_000, max: LOGIN_PER_NETWORK, key: (c) => `password-net ${network(c)}` });

const hashing = new WeakMap<Deps, number>();

/**
 * At most `config.maxConcurrentHashes` password checks at once per app (scrypt takes 128 MiB and
 * a thread-pool thread each); the excess is answered 503 sign_in_busy with Retry-After at once
 * rather than queued, so a flood of sign-ins cannot take the server's CPU and memory.
 */
function hashSlot(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const busy = hashing.get(deps) ?? 0;
    if (busy >= deps.config.maxConcurrentHashes) {
      const response = problemResponse(c, problem('sign_in_busy', { detail: 'Too many sign-ins are being checked; try again shortly.', retryAfter: 1 }));
      response.headers.set('Retry-After', '1');
      return response;
    }
    hashing.set(deps, busy + 1);
    try {
      await next();
    } finally {
      hashing.set(deps, (hashing.get(deps) ?? 1) - 1);
    }
  };
}

/**
 * Check a password the same way whether or not the account exists, is enabled and has one: a
 * missing hash is replaced by the decoy. A hash made at an older cost is redone at today's cost.
 */
async function checkPassword(c: Context<AppEnv>, idOrEmail: string, password: string) {
  const { db, config } = c.get('deps');
  const found = await userWithPassword(db, idOrEmail);
  const hash = found && !found.user.disabled ? found.passwordHash : null;
  const ok = hash ? await verifyPassword(password, hash) : await checkDecoyPassword(password, config.passwordCost);
  if (!ok || !found || !hash) return undefined;
  if (needsRehash(hash, config.passwordCost)) {
    await replacePasswordHash(db, found.user.id, hash, await hashPassword(password, config.passwordCost));
  }
  return found.user;
}

/**
 * Console sign-in and sign-out, password change, and "who am I" for both the console (session
 * cookie) and the extension (bearer token). Mounted at /api/v1/auth.
 */
export const auth = new Hono<AppEnv>()
  .post('/login', loginPerNetwork, validate('json', LoginRequest), loginPerEmail, hashSlot(), async (c) => {
    const { db, now, config } = c.get('deps');
    const { email, password } = c.req.valid('json');
    const user = await checkPassword(c, email, password);
    if (!user) throw wrongCredentials();
    // A fresh session id on every sign-in; the one the browser held before is ended (no fixation).
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    const { secret, csrfToken } = await createSession(db, user.id, now());
    setCookie(c, SESSION_COOKIE, secret, cookieOptions(c));
    return c.json({ user, csrfToken, timeZone: config.timeZone });
  })
  .post(
    '/password',
    staffAuth({ allowPasswordChangePending: true }),
    passwordChangePerNetwork,
    validate('json', PasswordChange),
    hashSlot(),
    async (c) => {
      const { db, now, config } = c.get('deps');
      const actor = c.get('actor');
      const body = c.req.valid('json');
      if (body.newPassword === body.currentPassword) {
        throw fail.validation([{ path: ['newPassword'], code: 'unchanged', message: 'Choose a password other than the current one.' }]);
      }
      if (!(await checkPassword(c, actor.id, body.currentPassword))) {
        throw fail.validation([{ path: ['currentPassword'], code: 'wrong_password', message: 'The current password is wrong.' }]);
      }
      await changeOwnPassword(db, actor.id, {
        passwordHash: await hashPassword(body.newPassword, config.passwordCost),
        ...(actor.via === 'session' ? { keepSession: getCookie(c, SESSION_COOKIE) ?? '' } : {}),
        revokeTokens: body.revokeTokens ?? false,
        now: now(),
      });
      // This session stays (its CSRF token too): the console carries on with the answer as /me gives it.
      const user = await findUser(db, actor.id);
      if (!user) throw fail.unauthenticated();
      return c.json({ user, timeZone: config.timeZone });
    },
  )
  .post('/logout', staffAuth({ allowPasswordChangePending: true }), async (c) => {
    if (c.get('actor').via === 'session') {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await deleteSession(c.get('deps').db, secret);
      deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    }
    return c.body(null, 204);
  })
  .get('/me', staffAuth({ allowPasswordChangePending: true }), async (c) => {
    const { db, config } = c.get('deps');
    const actor = c.get('actor');
    if (actor.via === 'session') {
      // As staffAuth read it for this request: the same row, not a second statement.
      const session = c.get('session');
      if (!session) throw fail.unauthenticated();
      return c.json({ user: session.user, csrfToken: session.csrfToken, timeZone: config.timeZone });
    }
    const user = await findUser(db, actor.id);
    if (!user) throw fail.unauthenticated();
    return c.json({ user, timeZone: config.timeZone });
  });
