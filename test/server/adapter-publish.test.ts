import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import type { Database } from '../../server/db/open';
import { adapterPublications } from '../../server/db/schema';
import { json, staff, testApp } from './support/app';
import { TEST_STORES } from './support/databases';
import { CUSTOM_ADAPTER } from './support/fixtures';
import { AdapterCatalog, AdapterPublished, PublishedAdapterList } from '../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';

describe.each(TEST_STORES)('publishing a helpdesk adapter through the API ($name)', (store) => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    ({ app } = testApp(database));
    admin = await staff(database, 'admin', 'ADMIN');
    agent = await staff(database, 'agent');
  });
  afterAll(() => database.close());

  const publish = (id: string, body: unknown, headers = admin.auth) => app.request(`/api/v1/adapters/published/${id}`, json('PUT', body, headers));
  const catalog = async (headers: Record<string, string> = agent.auth) => {
    const res = await app.request('/api/v1/adapters', { headers });
    return { res, body: res.status === 200 ? AdapterCatalog.parse(await res.json()) : null };
  };

  it('adds a definition every agent’s catalog then serves, with a new ETag, and logs who published it', async () => {
    const before = await catalog();
    const etag = before.res.headers.get('etag')!;
    const res = await publish(CUSTOM_ADAPTER.id, CUSTOM_ADAPTER);
    expect(res.status).toBe(200);
    const answer = AdapterPublished.parse(await res.json());
    expect(answer).toMatchObject({ definition: CUSTOM_ADAPTER, replaced: false });

    const stale = await app.request('/api/v1/adapters', { headers: { ...agent.auth, 'if-none-match': etag } });
    expect(stale.status).toBe(200);
    const after = await catalog();
    expect(after.res.headers.get('etag')).toBe(`"${answer.catalogVersion}"`);
    expect(after.body!.adapters.find((a) => a.id === CUSTOM_ADAPTER.id)).toEqual(CUSTOM_ADAPTER);
    const fresh = await app.request('/api/v1/adapters', { headers: { ...agent.auth, 'if-none-match': after.res.headers.get('etag')! } });
    expect(fresh.status).toBe(304);

    const log = await database.db.select().from(adapterPublications).orderBy(asc(adapterPublications.id));
    expect(log.map((row) => [row.adapterId, row.action, row.actorId])).toEqual([[CUSTOM_ADAPTER.id, 'publish', admin.user.id]]);
    const listed = PublishedAdapterList.parse(await (await app.request('/api/v1/adapters/published', { headers: admin.auth })).json());
    expect(listed.items.map((i) => [i.id, i.version])).toEqual([[CUSTOM_ADAPTER.id, CUSTOM_ADAPTER.version]]);
  });

  it('replaces a published or built-in definition by id', async () => {
    const next = { ...CUSTOM_ADAPTER, version: CUSTOM_ADAPTER.version + 1 };
    expect(AdapterPublished.parse(await (await publish(next.id, next)).json()).replaced).toBe(true);
    const zendesk = { ...BUILTIN_ADAPTERS[0]!, version: 99 };
    expect((await publish(zendesk.id, zendesk)).status).toBe(200);
    const { body } = await catalog();
    expect(body!.adapters.filter((a) => a.id === zendesk.id)).toEqual([zendesk]);
    expect(body!.adapters.find((a) => a.id === next.id)!.version).toBe(next.version);
  });

  it('refuses an invalid definition by field path, an id other than the address’s, and anyone but an admin', async () => {
    const broken = await publish(CUSTOM_ADAPTER.id, { ...CUSTOM_ADAPTER, idPatterns: ['/t/(?<id>\\d+)/\\1'] });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['idPatterns', 0] }] });
    const mismatch = await publish('other-desk', CUSTOM_ADAPTER);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: ['id'] }] });
    const reviewer = await staff(database, 'reviewer');
    for (const auth of [agent.auth, reviewer.auth]) {
      const res = await publish('agent-desk', { ...CUSTOM_ADAPTER, id: 'agent-desk' }, auth);
      expect(res.status).toBe(403);
    }
    expect((await catalog()).body!.adapters.map((a) => a.id)).not.toContain('agent-desk');
  });

  it('withdraws a published definition (logged); a second withdrawal is 404', async () => {
    const res = await app.request(`/api/v1/adapters/published/${CUSTOM_ADAPTER.id}`, { method: 'DELETE', headers: admin.auth });
    expect(res.status).toBe(204);
    expect((await catalog()).body!.adapters.map((a) => a.id)).not.toContain(CUSTOM_ADAPTER.id);
    const again = await app.request(`/api/v1/adapters/published/${CUSTOM_ADAPTER.id}`, { method: 'DELETE', headers: admin.auth });
    expect(again.status).toBe(404);
    const log = await database.db.select().from(adapterPublications).orderBy(asc(adapterPublications.id));
    expect(log.at(-1)).toMatchObject({ adapterId: CUSTOM_ADAPTER.id, action: 'withdraw', actorId: admin.user.id });
  });
});
