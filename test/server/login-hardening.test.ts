import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp, TEST_PASSWORD_COST } from './support/app';
import type { Database } from '../../server/db/open';
import { users } from '../../server/db/schema';
import { createUser } from '../../server/store/users';
import { ensureFirstAdmin } from '../../server/bootstrap';
import { PASSWORD_COST } from '../../server/auth/secrets';
import { LOGIN_PER_NETWORK } from '../../server/routes/auth';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a much longer passphrase 2026';

/** The `name=value` pair of the session cookie a response sets. */
const cookieOf = (res: Response) => /(ebx_session=[^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';

describe.each(TEST_STORES)('login hardening on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { config: { trustProxy: true } });
  }, 120_000);
  afterAll(() => database.close());

  /** A sign-in from `address` (through our own proxy's X-Forwarded-For). */
  const login = (app: typeof t.app, email: string, password: string, address: string, headers: Record<string, string> = {}) =>
    app.request('/api/v1/auth/login', json('POST', { email, password }, { 'x-forwarded-for': address, ...headers }));
  const code = async (res: Response) => ((await res.json()) as { code: string }).code;

  it('limits many e-mails from one address, and one IPv6 /64 as one address, before hashing', async () => {
    // No hash may run at all: an attempt that got past the limits would be answered 503.
    const { app } = testApp(database, { config: { trustProxy: true, maxConcurrentHashes: 0 } });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await login(app, `spray${i}@example.com`, 'Winter2026!', '203.0.113.7')).status);
    expect(statuses).toEqual([...Array(LOGIN_PER_NETWORK).fill(503), ...Array(15 - LOGIN_PER_NETWORK).fill(429)]);
    const limited = await login(app, 'spray99@example.com', 'Winter2026!', '203.0.113.7');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await code(limited)).toBe('rate_limited');
    // Another address is not held back.
    expect((await login(app, 'spray0@example.com', 'Winter2026!', '198.51.100.1')).status).toBe(503);

    for (let i = 0; i < LOGIN_PER_NETWORK; i++) await login(app, `v6-${i}@example.com`, 'x', `2001:db8:7:1::${i + 1}`);
    expect((await login(app, 'v6-x@example.com', 'x', '2001:db8:7:1:ffff:ffff:ffff:fffe')).status).toBe(429);
    expect((await login(app, 'v6-x@example.com', 'x', '2001:db8:7:2::1')).status).toBe(503);
  });

  it('answers a flood beyond the concurrent-hash cap with 503 and Retry-After, and still signs in', async () => {
    const { user } = await staff(database, 'agent');
    const { app } = testApp(database, { config: { trustProxy: true, maxConcurrentHashes: 1 } });
    const replies = await Promise.all(Array.from({ length: 4 }, (_, i) => login(app, user.email, PASSWORD, `192.0.2.${i + 1}`)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(503);
    const busy = replies.find((r) => r.status === 503) as Response;
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await code(busy)).toBe('sign_in_busy');
    expect((await login(app, user.email, PASSWORD, '192.0.2.9')).status).toBe(200);
  });

  it('hashes new passwords at N=2^17, r=8, p=1 and rehashes an old hash at the next sign-in', async () => {
    const { app } = testApp(database, { config: { trustProxy: true, passwordCost: PASSWORD_COST } });
    const user = await createUser(database.db, { email: `legacy.${Date.now()}@example.com`, name: 'Old hash', role: 'agent', department: 'CS' });
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync(PASSWORD, salt, 32).toString('base64url')}`; // Node's defaults: N=2^14
    await database.db.update(users).set({ passwordHash: legacy }).where(eq(users.id, user.id));
    const stored = async () => (await database.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)))[0]?.h;

    expect((await login(app, user.email, 'wrong horse battery staple', '192.0.2.50')).status).toBe(401);
    expect(await stored()).toBe(legacy);
    expect((await login(app, user.email, PASSWORD, '192.0.2.50')).status).toBe(200);
    expect(await stored()).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
    expect((await login(app, user.email, PASSWORD, '192.0.2.50')).status).toBe(200);
  }, 120_000);

  it('issues expiring tokens and refuses an expired one with token_expired', async () => {
    const agent = await staff(database, 'agent');
    const hourLater = new Date(t.clock.now.getTime() + 3600_000).toISOString();
    const res = await t.app.request('/api/v1/me/tokens', json('POST', { name: 'laptop', expiresAt: hourLater }, agent.auth));
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { token: string; expiresAt: string };
    expect(issued.expiresAt).toBe(hourLater);
    const bearer = { authorization: `Bearer ${issued.token}` };
    const { app, clock } = testApp(database, { now: t.clock.now });
    expect((await app.request('/api/v1/auth/me', { headers: bearer })).status).toBe(200);
    clock.now = new Date(Date.parse(hourLater) + 1000);
    const expired = await app.request('/api/v1/auth/me', { headers: bearer });
    expect(expired.status).toBe(401);
    expect(await code(expired)).toBe('token_expired');
    expect((await app.request('/api/v1/auth/me', { headers: agent.auth })).status).toBe(200); // no expiry: still valid

    const past = await t.app.request('/api/v1/me/tokens', json('POST', { name: 'old', expiresAt: '2020-01-01T00:00:00.000Z' }, agent.auth));
    expect(past.status).toBe(400);
    expect(((await past.json()) as { errors: { path: string[] }[] }).errors[0]?.path).toEqual(['expiresAt']);
  });

  it('a password change ends the other sessions, and the tokens when asked', async () => {
    const agent = await staff(database, 'agent');
    const first = cookieOf(await login(t.app, agent.user.email, PASSWORD, '192.0.2.60'));
    const secondRes = await login(t.app, agent.user.email, PASSWORD, '192.0.2.61');
    const second = cookieOf(secondRes);
    const { csrfToken } = (await secondRes.json()) as { csrfToken: string };
    const me = (headers: Record<string, string>) => t.app.request('/api/v1/auth/me', { headers });
    const change = (body: unknown) =>
      t.app.request('/api/v1/auth/password', json('POST', body, { cookie: second, 'x-csrf-token': csrfToken, 'x-forwarded-for': '192.0.2.61' }));

    const wrong = await change({ currentPassword: 'not it at all', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect((await me({ cookie: first })).status).toBe(200);

    expect((await change({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await me({ cookie: first })).status).toBe(401);
    expect((await me({ cookie: second })).status).toBe(200);
    expect((await me(agent.auth)).status).toBe(200);
    expect((await login(t.app, agent.user.email, PASSWORD, '192.0.2.62')).status).toBe(401);

    expect((await change({ currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}!`, revokeTokens: true })).status).toBe(200);
    expect((await me(agent.auth)).status).toBe(401);
    expect((await me({ cookie: second })).status).toBe(200);
  });
});

describe.each(TEST_STORES)('first-start password on $name', (store) => {
  let database: Database;

  beforeAll(async () => {
    database = await store.open();
  }, 120_000);
  afterAll(() => database.close());

  it('must be changed at first sign-in: until then the session reads /me, changes the password and signs out only', async () => {
    const first = await ensureFirstAdmin(database.db);
    if (!first) throw new Error('expected a first admin');
    const { app } = testApp(database, { config: { passwordCost: TEST_PASSWORD_COST } });
    const res = await app.request('/api/v1/auth/login', json('POST', { email: first.email, password: first.password }));
    expect(res.status).toBe(200);
    const { user, csrfToken } = (await res.json()) as { user: { mustChangePassword: boolean }; csrfToken: string };
    expect(user.mustChangePassword).toBe(true);
    const session = { cookie: cookieOf(res), 'x-csrf-token': csrfToken };

    expect((await app.request('/api/v1/auth/me', { headers: session })).status).toBe(200);
    for (const [method, path] of [['GET', '/api/v1/records'], ['GET', '/api/v1/users'], ['POST', '/api/v1/me/tokens']] as const) {
      const refused = await app.request(path, method === 'GET' ? { headers: session } : json(method, { name: 'x' }, session));
      expect(refused.status, path).toBe(403);
      expect(((await refused.json()) as { code: string }).code, path).toBe('password_change_required');
    }
    // The printed token is for the CLI and scripts and keeps working.
    expect((await app.request('/api/v1/users', { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(200);

    const changed = await app.request('/api/v1/auth/password', json('POST', { currentPassword: first.password, newPassword: NEW_PASSWORD }, session));
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(false);
    expect((await app.request('/api/v1/users', { headers: session })).status).toBe(200);
    const again = await app.request('/api/v1/auth/login', json('POST', { email: first.email, password: NEW_PASSWORD }));
    expect(((await again.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(false);
    expect((await app.request('/api/v1/auth/logout', { method: 'POST', headers: session })).status).toBe(204);
  }, 120_000);
});
