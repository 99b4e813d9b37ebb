import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { StaffUserView } from '../../shared/schemas/staff';

const FIRST = 'first password from the admin';
const OWN = 'my own passphrase at last';

describe.each(TEST_STORES)('a first password set by an admin on $name', (store) => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Awaited<ReturnType<typeof staff>>;
  let network = 0;

  beforeAll(async () => {
    database = await store.open();
    ({ app } = testApp(database));
    admin = await staff(database, 'admin', 'ADMIN', 'Zhang Wei');
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Sign in from a fresh network (the per-network limit stays out of the way) and read the records list with the session. */
  async function signInAndList(email: string, password: string) {
    const login = await app.request('/api/v1/auth/login', json('POST', { email, password }, { 'x-forwarded-for': `192.0.2.${++network}` }));
    expect(login.status).toBe(200);
    const cookie = /ebx_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: StaffUserView };
    const list = await app.request('/api/v1/records', { headers: { cookie } });
    return { cookie, csrfToken, user, list };
  }

  it('holds the new account at the password change until it set its own, also after a reset by the admin', async () => {
    const email = `first.${Date.now()}@example.com`;
    const created = await app.request(
      '/api/v1/users',
      json('POST', { email, name: 'Wang Fang', role: 'agent', department: 'CS', password: FIRST, mustChangePassword: true }, admin.auth),
    );
    expect(created.status).toBe(201);
    const user = StaffUserView.parse(await created.json());
    expect(user.mustChangePassword).toBe(true);

    const held = await signInAndList(email, FIRST);
    expect(held.user.mustChangePassword).toBe(true);
    expect(held.list.status).toBe(403);
    expect(await held.list.json()).toMatchObject({ code: 'password_change_required' });

    const changed = await app.request(
      '/api/v1/auth/password',
      json('POST', { currentPassword: FIRST, newPassword: OWN }, { cookie: held.cookie, 'x-csrf-token': held.csrfToken }),
    );
    expect(changed.status).toBe(200);
    expect((await signInAndList(email, OWN)).list.status).toBe(200);

    const reset = await app.request(`/api/v1/users/${user.id}`, json('PATCH', { password: FIRST, mustChangePassword: true }, admin.auth));
    expect(reset.status).toBe(200);
    expect(StaffUserView.parse(await reset.json()).mustChangePassword).toBe(true);
    expect((await signInAndList(email, FIRST)).list.status).toBe(403);
  });

  it('leaves an account created with a password and without the flag free to work, as before', async () => {
    const email = `plain.${Date.now()}@example.com`;
    const created = await app.request('/api/v1/users', json('POST', { email, name: 'Li Na', role: 'reviewer', department: 'PM', password: FIRST }, admin.auth));
    expect(StaffUserView.parse(await created.json()).mustChangePassword).toBe(false);
    expect((await signInAndList(email, FIRST)).list.status).toBe(200);
  });
});
