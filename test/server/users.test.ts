import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { users as usersTable } from '../../server/db/schema';
import { findUser, listTokens } from '../../server/store/users';
import { StaffUserView, TokenCreated, TokenList, UserList } from '../../shared/schemas/staff';

const PASSWORD = 'correct horse battery staple';
let serial = 0;
const email = (who: string) => `${who}.${Date.now()}.${++serial}@example.com`;

describe.each(TEST_STORES)('user routes on $name', (store) => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    ({ app } = testApp(database));
    admin = await staff(database, 'admin', 'ADMIN', 'Zhang Wei');
  });
  afterAll(async () => {
    await database?.close();
  });

  const userCount = async () => Number((await database.db.select({ n: count() }).from(usersTable))[0]?.n);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = (token: string) => app.request('/api/v1/auth/me', { headers: bearer(token) });

  async function createVia(body: unknown, headers = admin.auth) {
    return app.request('/api/v1/users', json('POST', body, headers));
  }

  describe('POST /api/v1/users', () => {
    it('creates an account that can sign in, and never shows the password hash', async () => {
      const address = email('Chen.Jie').replace('chen', 'Chen');
      const res = await createVia({ email: address, name: 'Chen Jie', role: 'agent', department: 'CS', password: PASSWORD });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).not.toHaveProperty('passwordHash');
      const user = StaffUserView.parse(body);
      expect(user).toMatchObject({ email: address.toLowerCase(), name: 'Chen Jie', role: 'agent', department: 'CS', disabled: false });
      expect(await findUser(database.db, user.id)).toMatchObject({ email: address.toLowerCase() });

      const login = await app.request('/api/v1/auth/login', json('POST', { email: address, password: PASSWORD }));
      expect(login.status).toBe(200);
    });

    it('creates a token-only account without a password', async () => {
      const res = await createVia({ email: email('token.only'), name: 'Extension only', role: 'agent', department: 'SALES' });
      expect(res.status).toBe(201);
    });

    it('answers 409 for an e-mail already in use (any letter case) and stores nothing', async () => {
      const address = email('dup');
      expect((await createVia({ email: address, name: 'First', role: 'agent', department: 'CS' })).status).toBe(201);
      const before = await userCount();
      const res = await createVia({ email: address.toUpperCase(), name: 'Second', role: 'admin', department: 'CS' });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'conflict' });
      expect(await userCount()).toBe(before);
      expect(await findUser(database.db, address)).toMatchObject({ name: 'First', role: 'agent' });
    });

    it('lists every missing field, rejects wrong types and unknown fields, and stores nothing', async () => {
      const before = await userCount();
      const missing = await createVia({});
      expect(missing.status).toBe(400);
      const missingBody = (await missing.json()) as { code: string; errors: { path: string[] }[] };
      expect(missingBody.code).toBe('validation_failed');
      expect(missingBody.errors.map((e) => e.path.join('.')).sort()).toEqual(['department', 'email', 'name', 'role']);

      const cases: Array<[Record<string, unknown>, string]> = [
        [{ role: 'owner' }, 'role'],
        [{ role: 7 }, 'role'],
        [{ department: 'cs' }, 'department'],
        [{ department: 'CUSTOMER-SERVICE' }, 'department'],
        [{ email: 'no-at-sign' }, 'email'],
        [{ name: '   ' }, 'name'],
        [{ password: 'short' }, 'password'],
        [{ password: 12345678901234 }, 'password'],
        [{ disabled: true }, ''],
      ];
      for (const [change, path] of cases) {
        const body = { email: email('bad'), name: 'Bad', role: 'agent', department: 'CS', ...change };
        const res = await createVia(body);
        expect(res.status, JSON.stringify(change)).toBe(400);
        const problem = (await res.json()) as { errors: { path: string[]; code: string }[] };
        expect(problem.errors.map((e) => e.path.join('.')), JSON.stringify(change)).toContain(path);
        if (String(body.email).includes('@')) expect(await findUser(database.db, String(body.email))).toBeUndefined();
      }
      expect(await userCount()).toBe(before);
    });

    it('answers 415 for a non-JSON body', async () => {
      const res = await app.request('/api/v1/users', {
        method: 'POST',
        headers: { ...admin.auth, 'content-type': 'text/plain' },
        body: JSON.stringify({ email: email('x'), name: 'X', role: 'agent', department: 'CS' }),
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
    });

    it('answers 401 without credentials and 403 forbidden for agents and reviewers, storing nothing', async () => {
      const before = await userCount();
      const body = { email: email('sneaky'), name: 'Sneaky', role: 'admin', department: 'CS' };
      const anonymous = await createVia(body, {} as typeof admin.auth);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'unauthenticated' });
      for (const role of ['agent', 'reviewer'] as const) {
        const { auth } = await staff(database, role);
        const res = await createVia(body, auth);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ status: 403, code: 'forbidden' });
      }
      expect(await findUser(database.db, body.email)).toBeUndefined();
      expect(await userCount()).toBe(before + 2);
    });

    it('refuses a cookie-authenticated create without the CSRF token', async () => {
      const login = await app.request('/api/v1/auth/login', json('POST', { email: admin.user.email, password: PASSWORD }));
      const cookie = /ebx_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const body = { email: email('csrf'), name: 'Csrf', role: 'admin', department: 'CS' };
      const forged = await createVia(body, { cookie } as unknown as typeof admin.auth);
      expect(forged.status).toBe(403);
      expect(await forged.json()).toMatchObject({ code: 'csrf_failed' });
      expect(await findUser(database.db, body.email)).toBeUndefined();
      const ok = await createVia(body, { cookie, 'x-csrf-token': csrfToken } as unknown as typeof admin.auth);
      expect(ok.status).toBe(201);
    });
  });

  describe('GET /api/v1/users', () => {
    it('lists accounts for admins', async () => {
      const { user } = await staff(database, 'reviewer', 'PM', 'Liu Yang');
      const res = await app.request('/api/v1/users', { headers: admin.auth });
      expect(res.status).toBe(200);
      const raw = (await res.json()) as { items: object[] };
      for (const item of raw.items) expect(item).not.toHaveProperty('passwordHash');
      const { items } = UserList.parse(raw);
      expect(items.map((u) => u.id)).toEqual(expect.arrayContaining([admin.user.id, user.id]));
      expect(items.find((u) => u.id === user.id)).toMatchObject({ name: 'Liu Yang', role: 'reviewer', department: 'PM' });
    });

    it('answers 401 and 403 for the wrong caller', async () => {
      expect((await app.request('/api/v1/users')).status).toBe(401);
      const { auth } = await staff(database, 'reviewer');
      const res = await app.request('/api/v1/users', { headers: auth });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
    });
  });

  describe('PATCH /api/v1/users/:id', () => {
    const patch = (id: string, body: unknown, headers = admin.auth) => app.request(`/api/v1/users/${id}`, json('PATCH', body, headers));

    it('changes role, department and name', async () => {
      const { user } = await staff(database, 'agent', 'CS');
      const res = await patch(user.id, { role: 'reviewer', department: 'PM', name: 'Zhao Lei' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: user.id, role: 'reviewer', department: 'PM', name: 'Zhao Lei' });
      expect(await findUser(database.db, user.id)).toMatchObject({ role: 'reviewer', department: 'PM', name: 'Zhao Lei' });
    });

    it('sets the language of the e-mails the person gets, and refuses one without a catalog', async () => {
      const { user } = await staff(database, 'agent', 'CS');
      const res = await patch(user.id, { locale: 'en' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: user.id, locale: 'en' });
      expect(await findUser(database.db, user.id)).toMatchObject({ locale: 'en' });
      const bad = await patch(user.id, { locale: 'fr' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['locale'] }] });
    });

    it('sets a new password: the new one signs in, the old one no longer does', async () => {
      const { user } = await staff(database, 'agent');
      const next = 'another long passphrase';
      expect((await patch(user.id, { password: next })).status).toBe(200);
      const login = (password: string) => app.request('/api/v1/auth/login', json('POST', { email: user.email, password }));
      expect((await login(next)).status).toBe(200);
      expect((await login(PASSWORD)).status).toBe(401);
    });

    it('disables an account: its tokens stop working; enabling again restores them', async () => {
      const { user, token } = await staff(database, 'agent');
      expect((await me(token)).status).toBe(200);
      const res = await patch(user.id, { disabled: true });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ disabled: true });
      expect((await me(token)).status).toBe(401);
      expect((await patch(user.id, { disabled: false })).status).toBe(200);
      expect((await me(token)).status).toBe(200);
    });

    it('refuses an empty patch, wrong types and unknown fields, changing nothing', async () => {
      const { user } = await staff(database, 'agent', 'CS', 'Unchanged');
      const empty = await patch(user.id, {});
      expect(empty.status).toBe(400);
      expect(await empty.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: [], code: 'empty_patch' }] });
      for (const body of [{ role: 'root' }, { disabled: 'yes' }, { email: 'new@example.com' }, { name: 'Ok', department: 'x' }]) {
        const res = await patch(user.id, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect(await findUser(database.db, user.id)).toMatchObject({ name: 'Unchanged', role: 'agent', department: 'CS', disabled: false });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const unknown = await patch('01900000-0000-7000-8000-000000000000', { name: 'Ghost' });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ code: 'not_found' });
      const malformed = await patch('not-a-uuid', { name: 'Ghost' });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['id'] }] });
    });

    it('does not let admins disable or demote themselves', async () => {
      const self = await staff(database, 'admin', 'ADMIN');
      for (const body of [{ disabled: true }, { role: 'reviewer' }]) {
        const res = await patch(self.user.id, body, self.auth);
        expect(res.status).toBe(409);
        expect(await res.json()).toMatchObject({ code: 'conflict' });
      }
      expect(await findUser(database.db, self.user.id)).toMatchObject({ role: 'admin', disabled: false });
      expect((await patch(self.user.id, { name: 'Renamed admin' }, self.auth)).status).toBe(200);
    });

    it('answers 403 forbidden for agents, even on their own account', async () => {
      const { user, auth } = await staff(database, 'agent');
      const res = await patch(user.id, { role: 'admin' }, auth);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
      expect(await findUser(database.db, user.id)).toMatchObject({ role: 'agent' });
    });
  });

  describe('tokens of a user (admin)', () => {
    it('issues a token shown once, lists metadata only, and revokes it', async () => {
      const { user } = await staff(database, 'agent');
      const created = await app.request(`/api/v1/users/${user.id}/tokens`, json('POST', { name: 'Chrome on laptop' }, admin.auth));
      expect(created.status).toBe(201);
      const issued = TokenCreated.parse(await created.json());
      expect(issued).toMatchObject({ name: 'Chrome on laptop', revokedAt: null, lastUsedAt: null });
      expect(issued.token).toMatch(/^ebx_[\w-]{20,}$/);
      const meRes = await me(issued.token);
      expect(meRes.status).toBe(200);
      expect(await meRes.json()).toMatchObject({ user: { id: user.id } });

      const listed = await app.request(`/api/v1/users/${user.id}/tokens`, { headers: admin.auth });
      expect(listed.status).toBe(200);
      const text = await listed.text();
      expect(text).not.toContain(issued.token);
      expect(text).not.toContain('tokenHash');
      const { items } = TokenList.parse(JSON.parse(text));
      expect(items.map((t) => t.name)).toEqual(['test', 'Chrome on laptop']);

      const revoked = await app.request(`/api/v1/users/${user.id}/tokens/${issued.id}`, { method: 'DELETE', headers: admin.auth });
      expect(revoked.status).toBe(204);
      expect((await me(issued.token)).status).toBe(401);
      expect((await listTokens(database.db, user.id)).find((t) => t.id === issued.id)?.revokedAt).toBeInstanceOf(Date);
      const again = await app.request(`/api/v1/users/${user.id}/tokens/${issued.id}`, { method: 'DELETE', headers: admin.auth });
      expect(again.status).toBe(204);
    });

    it("answers 404 for another user's token or an unknown user, and leaves the token working", async () => {
      const owner = await staff(database, 'agent');
      const other = await staff(database, 'agent');
      const [tokenRow] = await listTokens(database.db, owner.user.id);
      const wrongOwner = await app.request(`/api/v1/users/${other.user.id}/tokens/${tokenRow!.id}`, {
        method: 'DELETE',
        headers: admin.auth,
      });
      expect(wrongOwner.status).toBe(404);
      expect((await me(owner.token)).status).toBe(200);
      const ghost = '01900000-0000-7000-8000-000000000001';
      expect((await app.request(`/api/v1/users/${ghost}/tokens`, { headers: admin.auth })).status).toBe(404);
      expect((await app.request(`/api/v1/users/${ghost}/tokens`, json('POST', { name: 'x' }, admin.auth))).status).toBe(404);
    });

    it('validates the token body and refuses non-admins', async () => {
      const { user, auth } = await staff(database, 'reviewer');
      const before = (await listTokens(database.db, user.id)).length;
      for (const body of [{}, { name: '' }, { name: 5 }, { name: 'ok', scope: 'all' }]) {
        const res = await app.request(`/api/v1/users/${user.id}/tokens`, json('POST', body, admin.auth));
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      const forbidden = await app.request(`/api/v1/users/${user.id}/tokens`, json('POST', { name: 'mine' }, auth));
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'forbidden' });
      expect((await listTokens(database.db, user.id)).length).toBe(before);
    });
  });

  describe('/api/v1/me/tokens', () => {
    it('lets an agent create, list and revoke its own tokens', async () => {
      const agent = await staff(database, 'agent');
      const created = await app.request('/api/v1/me/tokens', json('POST', { name: 'Extension' }, agent.auth));
      expect(created.status).toBe(201);
      const issued = TokenCreated.parse(await created.json());
      expect((await me(issued.token)).status).toBe(200);

      const listed = await app.request('/api/v1/me/tokens', { headers: agent.auth });
      expect(listed.status).toBe(200);
      const { items } = TokenList.parse(await listed.json());
      expect(items.map((t) => t.name)).toEqual(['test', 'Extension']);

      const revoked = await app.request(`/api/v1/me/tokens/${issued.id}`, { method: 'DELETE', headers: agent.auth });
      expect(revoked.status).toBe(204);
      expect((await me(issued.token)).status).toBe(401);
      expect((await me(agent.token)).status).toBe(200);
    });

    it("cannot see or revoke someone else's token", async () => {
      const agent = await staff(database, 'agent');
      const victim = await staff(database, 'agent');
      const [victimToken] = await listTokens(database.db, victim.user.id);
      const listed = TokenList.parse(await (await app.request('/api/v1/me/tokens', { headers: agent.auth })).json());
      expect(listed.items.map((t) => t.id)).not.toContain(victimToken!.id);
      const res = await app.request(`/api/v1/me/tokens/${victimToken!.id}`, { method: 'DELETE', headers: agent.auth });
      expect(res.status).toBe(404);
      expect((await me(victim.token)).status).toBe(200);
    });

    it('answers 401 without credentials and 400 for a bad body, storing nothing', async () => {
      expect((await app.request('/api/v1/me/tokens')).status).toBe(401);
      expect((await app.request('/api/v1/me/tokens', json('POST', { name: 'x' }))).status).toBe(401);
      const agent = await staff(database, 'agent');
      const bad = await app.request('/api/v1/me/tokens', json('POST', { name: ['x'] }, agent.auth));
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['name'] }] });
      const wrongType = await app.request('/api/v1/me/tokens', {
        method: 'POST',
        headers: { ...agent.auth, 'content-type': 'text/plain' },
        body: 'name=x',
      });
      expect(wrongType.status).toBe(415);
      expect((await listTokens(database.db, agent.user.id)).length).toBe(1);
    });
  });
});
