import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { siteKeys as siteKeysTable } from '../../server/db/schema';
import { createSiteKey, findActiveSiteKey, findSiteKey, listSiteKeys } from '../../server/store/site-keys';
import { SiteKeyList, SiteKeyView, SiteKeyWithSecret } from '../../shared/schemas/staff';

const SHOP = { name: 'Web shop', department: 'CS', allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'] };

describe.each(TEST_STORES)('site key routes on $name', (store) => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    ({ app } = testApp(database));
    admin = await staff(database, 'admin', 'ADMIN');
  });
  afterAll(async () => {
    await database?.close();
  });

  const keyCount = async () => Number((await database.db.select({ n: count() }).from(siteKeysTable))[0]?.n);
  const create = (body: unknown, headers: Record<string, string> = admin.auth) =>
    app.request('/api/v1/site-keys', json('POST', body, headers));
  const patch = (id: string, body: unknown, headers: Record<string, string> = admin.auth) =>
    app.request(`/api/v1/site-keys/${id}`, json('PATCH', body, headers));
  const rotate = (id: string, headers: Record<string, string> = admin.auth) =>
    app.request(`/api/v1/site-keys/${id}/rotate`, json('POST', {}, headers));

  describe('POST /api/v1/site-keys', () => {
    it('creates a key with its origins, the default rate, and shows the identity secret once', async () => {
      const res = await create(SHOP);
      expect(res.status).toBe(201);
      const created = SiteKeyWithSecret.parse(await res.json());
      expect(created).toMatchObject({ ...SHOP, allowedQueryKeys: [], ratePerMinute: 30, active: true });
      expect(created.key).toMatch(/^ebx_pk_[\w-]{16,}$/);
      expect(created.identitySecret).toMatch(/^ebx_is_[\w-]{40,}$/);

      const one = await app.request(`/api/v1/site-keys/${created.id}`, { headers: admin.auth });
      expect(one.status).toBe(200);
      const text = await one.text();
      expect(text).not.toContain(created.identitySecret);
      expect(text).not.toContain('identitySecret');
      expect(SiteKeyView.parse(JSON.parse(text))).toMatchObject({ id: created.id, key: created.key });

      expect(await findActiveSiteKey(database.db, created.key)).toEqual({
        id: created.id,
        key: created.key,
        name: SHOP.name,
        department: 'CS',
        allowedOrigins: SHOP.allowedOrigins,
        allowedQueryKeys: [],
        ratePerMinute: 30,
        identitySecret: created.identitySecret,
      });
    });

    it('keeps a given rate and drops repeated origins', async () => {
      const res = await create({ ...SHOP, allowedOrigins: ['https://a.example.com', 'https://a.example.com:8443', 'https://a.example.com'], ratePerMinute: 120 });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ allowedOrigins: ['https://a.example.com', 'https://a.example.com:8443'], ratePerMinute: 120 });
    });

    it('accepts exact origins only: scheme and host (and port), no path, http only for localhost', async () => {
      const valid = ['https://app.example.com', 'https://app.example.com:8443', 'http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost', 'https://xn--fiqs8s.example'];
      const res = await create({ ...SHOP, allowedOrigins: valid });
      expect(res.status).toBe(201);

      const before = await keyCount();
      const invalid = [
        'http://app.example.com',
        'https://app.example.com/',
        'https://app.example.com/feedback',
        'https://app.example.com?x=1',
        'https://app.example.com#top',
        'https://APP.example.com',
        'https://app.example.com:443',
        'http://localhost:80',
        'https://app.example.com:99999',
        'https://user@app.example.com',
        'https://*.example.com',
        '*',
        'app.example.com',
        'ftp://app.example.com',
        'javascript:alert(1)',
        ' https://app.example.com',
        '',
      ];
      for (const origin of invalid) {
        const bad = await create({ ...SHOP, allowedOrigins: ['https://ok.example.com', origin] });
        expect(bad.status, origin).toBe(400);
        const problem = (await bad.json()) as { code: string; errors: { path: unknown[] }[] };
        expect(problem.code).toBe('validation_failed');
        expect(problem.errors.map((e) => e.path), origin).toContainEqual(['allowedOrigins', 1]);
      }
      expect(await keyCount()).toBe(before);
    });

    it('rejects missing fields and wrong types, listing each, and stores nothing', async () => {
      const before = await keyCount();
      const missing = await create({});
      expect(missing.status).toBe(400);
      const body = (await missing.json()) as { errors: { path: string[] }[] };
      expect(body.errors.map((e) => e.path.join('.')).sort()).toEqual(['allowedOrigins', 'department', 'name']);

      const cases: Array<[Record<string, unknown>, string]> = [
        [{ allowedOrigins: [] }, 'allowedOrigins'],
        [{ allowedOrigins: 'https://shop.example.com' }, 'allowedOrigins'],
        [{ allowedOrigins: [42] }, 'allowedOrigins.0'],
        [{ ratePerMinute: 0 }, 'ratePerMinute'],
        [{ ratePerMinute: 1.5 }, 'ratePerMinute'],
        [{ ratePerMinute: '30' }, 'ratePerMinute'],
        [{ ratePerMinute: 1_000_000 }, 'ratePerMinute'],
        [{ department: 'Customer Service' }, 'department'],
        [{ name: '' }, 'name'],
        [{ identitySecret: 'mine' }, ''],
        [{ key: 'ebx_pk_chosen_by_me' }, ''],
      ];
      for (const [change, path] of cases) {
        const res = await create({ ...SHOP, ...change });
        expect(res.status, JSON.stringify(change)).toBe(400);
        const problem = (await res.json()) as { errors: { path: unknown[] }[] };
        expect(problem.errors.map((e) => e.path.join('.')), JSON.stringify(change)).toContain(path);
      }
      const text = await app.request('/api/v1/site-keys', {
        method: 'POST',
        headers: { ...admin.auth, 'content-type': 'text/plain' },
        body: JSON.stringify(SHOP),
      });
      expect(text.status).toBe(415);
      expect(await keyCount()).toBe(before);
    });

    it('answers 401 and 403 forbidden for the wrong caller, and 403 csrf_failed for a forged console request', async () => {
      const before = await keyCount();
      const anonymous = await create(SHOP, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'unauthenticated' });
      for (const role of ['agent', 'reviewer'] as const) {
        const { auth } = await staff(database, role);
        const res = await create(SHOP, auth);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: 'forbidden' });
      }
      const login = await app.request(
        '/api/v1/auth/login',
        json('POST', { email: admin.user.email, password: 'correct horse battery staple' }),
      );
      const cookie = /ebx_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const forged = await create(SHOP, { cookie });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toMatchObject({ code: 'csrf_failed' });
      expect(await keyCount()).toBe(before);
    });
  });

  describe('GET /api/v1/site-keys', () => {
    it('lists keys without identity secrets', async () => {
      const { siteKey, identitySecret } = await createSiteKey(database.db, { ...SHOP, name: 'Listed' });
      const res = await app.request('/api/v1/site-keys', { headers: admin.auth });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(identitySecret);
      expect(text).not.toContain('identitySecret');
      const { items } = SiteKeyList.parse(JSON.parse(text));
      expect(items.find((k) => k.id === siteKey.id)).toMatchObject({ name: 'Listed', key: siteKey.key });
      expect(items.length).toBe((await listSiteKeys(database.db)).length);
    });

    it('refuses reviewers and anonymous callers', async () => {
      expect((await app.request('/api/v1/site-keys')).status).toBe(401);
      const { auth } = await staff(database, 'reviewer');
      const res = await app.request('/api/v1/site-keys', { headers: auth });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const unknown = await app.request('/api/v1/site-keys/01900000-0000-7000-8000-000000000000', { headers: admin.auth });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ code: 'not_found' });
      expect((await app.request('/api/v1/site-keys/ebx_pk_abc', { headers: admin.auth })).status).toBe(400);
    });
  });

  describe('PATCH /api/v1/site-keys/:id', () => {
    it('replaces origins and changes the rate; deactivating hides it from the public routes', async () => {
      const { siteKey } = await createSiteKey(database.db, SHOP);
      const res = await patch(siteKey.id, { allowedOrigins: ['https://new.example.com'], ratePerMinute: 5 });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ allowedOrigins: ['https://new.example.com'], ratePerMinute: 5, active: true });
      expect(await findActiveSiteKey(database.db, siteKey.key)).toMatchObject({ allowedOrigins: ['https://new.example.com'], ratePerMinute: 5 });

      const off = await patch(siteKey.id, { active: false });
      expect(off.status).toBe(200);
      expect(await off.json()).toMatchObject({ active: false });
      expect(await findActiveSiteKey(database.db, siteKey.key)).toBeUndefined();
      expect(await findSiteKey(database.db, siteKey.key)).toMatchObject({ id: siteKey.id, active: false });

      expect((await patch(siteKey.id, { active: true })).status).toBe(200);
      expect(await findActiveSiteKey(database.db, siteKey.key)).toMatchObject({ id: siteKey.id });
    });

    it('sets the query keys kept in stored page URLs (replacing the list, repeats dropped), and refuses what is no key', async () => {
      const { siteKey } = await createSiteKey(database.db, SHOP);
      const res = await patch(siteKey.id, { allowedQueryKeys: ['tab', 'utm_source', 'tab'] });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ allowedQueryKeys: ['tab', 'utm_source'] });
      expect(await findActiveSiteKey(database.db, siteKey.key)).toMatchObject({ allowedQueryKeys: ['tab', 'utm_source'] });
      const bad = await patch(siteKey.id, { allowedQueryKeys: ['tab', 'a=b&c'] });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ path: unknown[] }> }).errors.map((e) => e.path)).toEqual([['allowedQueryKeys', 1]]);
      expect((await patch(siteKey.id, { allowedQueryKeys: [] })).status).toBe(200);
      expect(await findSiteKey(database.db, siteKey.id)).toMatchObject({ allowedQueryKeys: [] });
    });

    it('refuses an empty patch, bad values and secrets in the body, changing nothing', async () => {
      const { siteKey } = await createSiteKey(database.db, SHOP);
      const empty = await patch(siteKey.id, {});
      expect(empty.status).toBe(400);
      expect(await empty.json()).toMatchObject({ errors: [{ code: 'empty_patch' }] });
      for (const body of [
        { allowedOrigins: ['https://shop.example.com/path'] },
        { allowedOrigins: [] },
        { ratePerMinute: -1 },
        { active: 'no' },
        { identitySecret: 'ebx_is_mine' },
        { key: 'ebx_pk_mine' },
      ]) {
        const res = await patch(siteKey.id, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect(await findSiteKey(database.db, siteKey.id)).toEqual(siteKey);
    });

    it('answers 404 for an unknown key and 403 for non-admins', async () => {
      expect((await patch('01900000-0000-7000-8000-000000000000', { active: false })).status).toBe(404);
      const { siteKey } = await createSiteKey(database.db, SHOP);
      const { auth } = await staff(database, 'agent');
      const res = await patch(siteKey.id, { active: false }, auth);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
      expect(await findSiteKey(database.db, siteKey.id)).toMatchObject({ active: true });
    });
  });

  describe('POST /api/v1/site-keys/:id/rotate', () => {
    it('replaces the identity secret and keeps the public key', async () => {
      const { siteKey, identitySecret } = await createSiteKey(database.db, SHOP);
      const res = await rotate(siteKey.id);
      expect(res.status).toBe(200);
      const rotated = SiteKeyWithSecret.parse(await res.json());
      expect(rotated.key).toBe(siteKey.key);
      expect(rotated.identitySecret).not.toBe(identitySecret);
      expect((await findActiveSiteKey(database.db, siteKey.key))?.identitySecret).toBe(rotated.identitySecret);
    });

    it('answers 404 for an unknown key, 403 for reviewers, and leaves the secret alone', async () => {
      expect((await rotate('01900000-0000-7000-8000-000000000000')).status).toBe(404);
      const { siteKey, identitySecret } = await createSiteKey(database.db, SHOP);
      const { auth } = await staff(database, 'reviewer');
      const res = await rotate(siteKey.id, auth);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
      expect((await findActiveSiteKey(database.db, siteKey.key))?.identitySecret).toBe(identitySecret);
    });
  });

  it('findActiveSiteKey answers undefined for an unknown key', async () => {
    expect(await findActiveSiteKey(database.db, 'ebx_pk_unknown')).toBeUndefined();
    expect(await findActiveSiteKey(database.db, '')).toBeUndefined();
  });
});
