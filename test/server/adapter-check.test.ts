import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';
import { json, staff, testApp } from './support/app';
import { CUSTOM_ADAPTER } from './support/fixtures';
import { AdapterOverrideReport } from '../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';

describe('POST /api/v1/adapters/check', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    ({ app } = testApp(database));
    admin = await staff(database, 'admin', 'ADMIN');
  });
  afterAll(() => database.close());

  const check = (body: unknown, headers = admin.auth) => app.request('/api/v1/adapters/check', json('POST', body, headers));

  it('answers the catalog the extensions would get, with what the file replaces and adds', async () => {
    const replacing = { ...BUILTIN_ADAPTERS[0]!, version: BUILTIN_ADAPTERS[0]!.version + 1 };
    const res = await check({ adapters: [replacing, CUSTOM_ADAPTER] });
    expect(res.status).toBe(200);
    const report = AdapterOverrideReport.parse(await res.json());
    expect(report.replaced).toEqual([replacing.id]);
    expect(report.added).toEqual([CUSTOM_ADAPTER.id]);
    expect(report.catalog.adapters).toHaveLength(BUILTIN_ADAPTERS.length + 1);
    expect(report.catalog.adapters.find((a) => a.id === replacing.id)).toEqual(replacing);
  });

  it('names every invalid field by its path in the file: a bad host, a back-reference, an empty rule list, a repeated id', async () => {
    const broken = {
      ...CUSTOM_ADAPTER,
      urls: [{ host: 'Desk Example', path: '/tickets/*' }],
      idPatterns: ['/tickets/(?<id>\\d+)/\\1'],
      fields: { subject: [] },
    };
    const res = await check({ adapters: [broken, CUSTOM_ADAPTER] });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { path: (string | number)[] }[] };
    expect(problem.code).toBe('validation_failed');
    const paths = problem.errors.map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['adapters.0.urls.0.host', 'adapters.0.idPatterns.0', 'adapters.0.fields.subject', 'adapters']));
  });

  it('is for admins only, and stores nothing: the served catalog stays the built-in one', async () => {
    for (const role of ['agent', 'reviewer'] as const) {
      const { auth } = await staff(database, role);
      const res = await check({ adapters: [CUSTOM_ADAPTER] }, auth);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
    }
    const served = (await (await app.request('/api/v1/adapters', { headers: admin.auth })).json()) as { adapters: { id: string }[] };
    expect(served.adapters.map((a) => a.id)).not.toContain(CUSTOM_ADAPTER.id);
  });
});
