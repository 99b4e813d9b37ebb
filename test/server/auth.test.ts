import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { apiTokens, sessions } from '../../server/db/schema';
import { createUser, updateUser } from '../../server/store/users';
import { LoginResponse, MeResponse } from '../../shared/schemas/staff';

const PASSWORD = 'correct horse battery staple';

/** The `name=value` pair of the session cookie a response sets. */
function sessionCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)(ebx_session=[^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in: ${header}`);
  return match[1];
}

describe.each(TEST_STORES)('auth routes on $name', (store) => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let clock: ReturnType<typeof testApp>['clock'];

  beforeAll(async () => {
    database = await store.open();
    ({ app, clock } = testApp(database));
  });
  afterAll(async () => {
    await database?.close();
  });
  // Sign-ins are limited per client network and minute: each test starts in a minute of its own.
  beforeEach(() => {
    clock.now = new Date(clock.now.getTime() + 61_000);
  });

  const sessionsOf = async (userId: string) =>
    Number((await database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]?.n);

  async function login(email: string, password = PASSWORD) {
    const res = await app.request('/api/v1/auth/login', json('POST', { email, password }));
    expect(res.status).toBe(200);
    const body = LoginResponse.parse(await res.json());
    return { cookie: sessionCookie(res), csrfToken: body.csrfToken, body, res };
  }

  describe('POST /api/v1/auth/login', () => {
    it('signs in, returns the user and a CSRF token, and sets an httpOnly SameSite=Strict cookie', async () => {
      const { user } = await staff(database, 'reviewer', 'PM', 'Li Na');
      const { body, res } = await login(user.email.toUpperCase());
      expect(body.user).toEqual({ ...user, createdAt: user.createdAt.toISOString() });
      expect(body.user).not.toHaveProperty('passwordHash');
      expect(body.csrfToken.length).toBeGreaterThan(20);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^ebx_session=ebs_[\w-]+;/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      expect(await sessionsOf(user.id)).toBe(1);
    });

    it('marks the cookie Secure when the app runs with secureCookies', async () => {
      const { user } = await staff(database, 'agent');
      const secure = testApp(database, { config: { secureCookies: true } }).app;
      const res = await secure.request('/api/v1/auth/login', json('POST', { email: user.email, password: PASSWORD }));
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    });

    it('gives the same 401 for an unknown e-mail, a wrong password, a disabled or password-less account', async () => {
      const { user } = await staff(database, 'agent');
      const disabled = await staff(database, 'agent');
      await updateUser(database.db, disabled.user.id, { disabled: true });
      const tokenOnly = await createUser(database.db, {
        email: `token.only.${Date.now()}@example.com`,
        name: 'Token only',
        role: 'agent',
        department: 'CS',
      });
      const attempts = [
        { email: 'nobody@example.com', password: PASSWORD },
        { email: user.email, password: 'wrong horse battery staple' },
        { email: disabled.user.email, password: PASSWORD },
        { email: tokenOnly.email, password: PASSWORD },
      ];
      const bodies = [];
      for (const attempt of attempts) {
        const res = await app.request('/api/v1/auth/login', json('POST', attempt));
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.headers.get('set-cookie')).toBeNull();
        bodies.push(await res.json());
      }
      expect(bodies[0]).toMatchObject({ status: 401, code: 'unauthenticated' });
      for (const body of bodies) expect(body).toEqual(bodies[0]);
      expect(await sessionsOf(user.id)).toBe(0);
      expect(await sessionsOf(disabled.user.id)).toBe(0);
      expect(await sessionsOf(tokenOnly.id)).toBe(0);
    });

    it('rejects missing fields and wrong types with field paths, and stores no session', async () => {
      const { user } = await staff(database, 'agent');
      const missing = await app.request('/api/v1/auth/login', json('POST', { email: user.email }));
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['password'] }] });

      const wrongTypes = await app.request('/api/v1/auth/login', json('POST', { email: 42, password: ['x'] }));
      expect(wrongTypes.status).toBe(400);
      const body = (await wrongTypes.json()) as { errors: { path: string[] }[] };
      expect(body.errors.map((e) => e.path[0]).sort()).toEqual(['email', 'password']);

      const notEmail = await app.request('/api/v1/auth/login', json('POST', { email: 'not-an-email', password: 'x' }));
      expect(notEmail.status).toBe(400);
      expect(await sessionsOf(user.id)).toBe(0);
    });

    it('answers 415 for a non-JSON body and 400 invalid_json for broken JSON', async () => {
      const { user } = await staff(database, 'agent');
      const form = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(PASSWORD)}`,
      });
      expect(form.status).toBe(415);
      expect(await form.json()).toMatchObject({ code: 'unsupported_media_type' });
      const broken = await app.request('/api/v1/auth/login', json('POST', '{"email":'));
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ code: 'invalid_json' });
      expect(await sessionsOf(user.id)).toBe(0);
    });

    it('ends the session the browser held before when signing in again', async () => {
      const { user } = await staff(database, 'agent');
      const first = await login(user.email);
      const res = await app.request(
        '/api/v1/auth/login',
        json('POST', { email: user.email, password: PASSWORD }, { cookie: first.cookie }),
      );
      expect(res.status).toBe(200);
      const second = sessionCookie(res);
      expect(second).not.toBe(first.cookie);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: first.cookie } })).status).toBe(401);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: second } })).status).toBe(200);
      expect(await sessionsOf(user.id)).toBe(1);
    });
  });

  describe('expired sessions', () => {
    it('are cleared when anyone signs in', async () => {
      const { user: away } = await staff(database, 'agent');
      const today = clock.now;
      clock.now = new Date(today.getTime() - 8 * 24 * 3600 * 1000);
      const old = await login(away.email);
      clock.now = today;
      expect(await sessionsOf(away.id)).toBe(1);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: old.cookie } })).status).toBe(401);

      const { user: other } = await staff(database, 'reviewer');
      await login(other.email);
      expect(await sessionsOf(away.id)).toBe(0);
      expect(await sessionsOf(other.id)).toBe(1);
    });
  });

  describe('GET /api/v1/auth/me', () => {
    it('returns the user and the same CSRF token for a session', async () => {
      const { user } = await staff(database, 'admin');
      const { cookie, csrfToken } = await login(user.email);
      const res = await app.request('/api/v1/auth/me', { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = MeResponse.parse(await res.json());
      expect(body).toEqual({ user: { ...user, createdAt: user.createdAt.toISOString() }, csrfToken, timeZone: 'Asia/Shanghai' });
    });

    it('returns the user without a CSRF token for a bearer token', async () => {
      const { user, auth } = await staff(database, 'agent', 'SALES', 'Wang Fang');
      const res = await app.request('/api/v1/auth/me', { headers: auth });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toEqual({ user: { ...user, createdAt: user.createdAt.toISOString() }, timeZone: 'Asia/Shanghai' });
    });

    it("names the company's configured time zone at sign-in, on /me and after a password change, so the console shows times in it", async () => {
      const berlin = testApp(database, { now: clock.now, config: { timeZone: 'Europe/Berlin' } }).app;
      const { user } = await staff(database, 'reviewer');
      const signIn = await berlin.request('/api/v1/auth/login', json('POST', { email: user.email, password: PASSWORD }));
      expect(signIn.status).toBe(200);
      const signedIn = LoginResponse.parse(await signIn.json());
      expect(signedIn.timeZone).toBe('Europe/Berlin');
      const cookie = sessionCookie(signIn);
      const me = await berlin.request('/api/v1/auth/me', { headers: { cookie } });
      expect(MeResponse.parse(await me.json()).timeZone).toBe('Europe/Berlin');
      const changed = await berlin.request(
        '/api/v1/auth/password',
        json('POST', { currentPassword: PASSWORD, newPassword: 'another fine passphrase' }, { cookie, 'x-csrf-token': signedIn.csrfToken }),
      );
      expect(changed.status).toBe(200);
      expect(MeResponse.parse(await changed.json()).timeZone).toBe('Europe/Berlin');
    });

    it('answers 401 without credentials, with an unknown cookie or token, and after the session expired', async () => {
      expect((await app.request('/api/v1/auth/me')).status).toBe(401);
      const unknownCookie = await app.request('/api/v1/auth/me', { headers: { cookie: 'ebx_session=ebs_nope' } });
      expect(unknownCookie.status).toBe(401);
      expect(await unknownCookie.json()).toMatchObject({ code: 'unauthenticated' });
      const unknownToken = await app.request('/api/v1/auth/me', { headers: { authorization: 'Bearer ebx_nope' } });
      expect(unknownToken.status).toBe(401);

      const { user } = await staff(database, 'agent');
      const { cookie } = await login(user.email);
      const started = clock.now;
      try {
        clock.now = new Date(started.getTime() + 8 * 24 * 3600 * 1000);
        expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
      } finally {
        clock.now = started;
      }
    });
  });

  describe('CSRF on cookie-authenticated unsafe requests', () => {
    const tokensOf = async (userId: string) =>
      Number((await database.db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId)))[0]?.n);

    it('refuses a state change without or with a wrong x-csrf-token, and stores nothing', async () => {
      const { user } = await staff(database, 'agent');
      const { cookie, csrfToken } = await login(user.email);
      const before = await tokensOf(user.id);
      const forged: Record<string, string>[] = [{ cookie }, { cookie, 'x-csrf-token': 'csrf_wrong' }, { cookie, 'x-csrf-token': `${csrfToken}x` }];
      for (const headers of forged) {
        const res = await app.request('/api/v1/me/tokens', json('POST', { name: 'forged' }, headers));
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ status: 403, code: 'csrf_failed' });
      }
      expect(await tokensOf(user.id)).toBe(before);

      const ok = await app.request('/api/v1/me/tokens', json('POST', { name: 'laptop' }, { cookie, 'x-csrf-token': csrfToken }));
      expect(ok.status).toBe(201);
      expect(await tokensOf(user.id)).toBe(before + 1);
    });

    it("does not accept another session's CSRF token", async () => {
      const a = await staff(database, 'agent');
      const b = await staff(database, 'agent');
      const sessionA = await login(a.user.email);
      const sessionB = await login(b.user.email);
      const res = await app.request(
        '/api/v1/me/tokens',
        json('POST', { name: 'x' }, { cookie: sessionA.cookie, 'x-csrf-token': sessionB.csrfToken }),
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'csrf_failed' });
    });

    it('needs no CSRF token with a bearer token', async () => {
      const { auth } = await staff(database, 'agent');
      const res = await app.request('/api/v1/me/tokens', json('POST', { name: 'script' }, auth));
      expect(res.status).toBe(201);
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('ends the session and clears the cookie', async () => {
      const { user } = await staff(database, 'reviewer');
      const { cookie, csrfToken } = await login(user.email);
      const res = await app.request('/api/v1/auth/logout', json('POST', {}, { cookie, 'x-csrf-token': csrfToken }));
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/^ebx_session=;.*Max-Age=0/);
      expect(await sessionsOf(user.id)).toBe(0);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    });

    it('needs the CSRF token, so another site cannot sign a person out', async () => {
      const { user } = await staff(database, 'reviewer');
      const { cookie } = await login(user.email);
      const res = await app.request('/api/v1/auth/logout', json('POST', {}, { cookie }));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'csrf_failed' });
      expect(await sessionsOf(user.id)).toBe(1);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    });

    it('answers 401 when not signed in', async () => {
      const res = await app.request('/api/v1/auth/logout', json('POST', {}));
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe('POST /api/v1/auth/password', () => {
    it('changes the password with the current one, ends the other sessions and keeps this browser signed in', async () => {
      const { user } = await staff(database, 'agent');
      const other = await login(user.email);
      const mine = await login(user.email);
      const res = await app.request(
        '/api/v1/auth/password',
        json('POST', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { cookie: mine.cookie, 'x-csrf-token': mine.csrfToken }),
      );
      expect(res.status).toBe(200);
      const body = MeResponse.parse(await res.json());
      expect(body.user.id).toBe(user.id);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: mine.cookie } })).status).toBe(200);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: other.cookie } })).status).toBe(401);
      expect(await sessionsOf(user.id)).toBe(1);
      expect((await app.request('/api/v1/auth/login', json('POST', { email: user.email, password: PASSWORD }))).status).toBe(401);
      await login(user.email, 'a brand new passphrase');
    });

    it('refuses a wrong current password or a short new one with field paths, and changes nothing', async () => {
      const { user } = await staff(database, 'agent');
      const { cookie, csrfToken } = await login(user.email);
      const headers = { cookie, 'x-csrf-token': csrfToken };
      const wrong = await app.request('/api/v1/auth/password', json('POST', { currentPassword: 'not it', newPassword: 'a brand new passphrase' }, headers));
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['currentPassword'], code: 'wrong_password' }] });
      const short = await app.request('/api/v1/auth/password', json('POST', { currentPassword: PASSWORD, newPassword: 'short' }, headers));
      expect(short.status).toBe(400);
      expect(await short.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['newPassword'] }] });
      const forged = await app.request('/api/v1/auth/password', json('POST', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { cookie }));
      expect(forged.status).toBe(403);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
      await login(user.email);
    });
  });

  it('disabling an account ends its sessions', async () => {
    const { user } = await staff(database, 'agent');
    const { cookie } = await login(user.email);
    await updateUser(database.db, user.id, { disabled: true });
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after 10 attempts a minute for one account', async () => {
    const { openDatabase } = await import('../../server/db/open');
    const { testApp, staff, json } = await import('./support/app');
    const database = await openDatabase({ memory: true });
    try {
      const { app } = testApp(database);
      const { user } = await staff(database, 'reviewer');
      const attempt = () => app.request('/api/v1/auth/login', json('POST', { email: user.email, password: 'wrong password here' }));
      for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
      const blocked = await attempt();
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await blocked.json()) as { code: string }).code).toBe('rate_limited');
    } finally {
      await database.close();
    }
  }, 60_000);
});
