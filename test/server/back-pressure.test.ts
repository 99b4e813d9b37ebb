import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { SITE_KEY_HEADER } from '../../server/middleware/site-key';

const SHOP = 'https://shop.example.com';

describe.each(TEST_STORES)('back-pressure on $name', (store) => {
  let database: Database;
  let agent: Record<string, string>;

  beforeAll(async () => {
    database = await store.open();
    agent = (await staff(database, 'agent')).auth;
  });
  beforeEach(() => database.db.execute(sql`DELETE FROM rate_limit_counters`));
  afterAll(() => database.close());

  const storedIds = async (ids: string[]) =>
    new Set((await database.db.select({ id: records.id }).from(records).where(inArray(records.id, ids))).map((r) => r.id));

  /** Send all at once; answer each id with its status, and check every 503 asks to come back later. */
  async function burst(send: (id: string) => Response | Promise<Response>, n: number) {
    const inputs = Array.from({ length: n }, () => recordInput());
    const answers = await Promise.all(inputs.map(async (input) => send(input.id)));
    const byStatus = new Map<number, string[]>();
    for (const [i, res] of answers.entries()) {
      byStatus.set(res.status, [...(byStatus.get(res.status) ?? []), inputs[i]!.id]);
      if (res.status === 503) {
        expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(await res.json()).toMatchObject({ status: 503, code: 'overloaded' });
      }
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(await res.json()).toMatchObject({ status: 429, code: 'rate_limited', scope: 'client_in_flight' });
      }
    }
    return { inputs, byStatus };
  }

  it("answers a burst beyond the record writer's queue 503 with Retry-After; every acknowledged record is stored", async () => {
    const { app } = testApp(database, { config: { writerQueueMax: 1, maxWritesInFlight: 1000 } });
    const sent = new Map<string, ReturnType<typeof recordInput>>();
    const { byStatus } = await burst((id) => {
      const input = recordInput({ id });
      sent.set(id, input);
      return app.request('/api/v1/records', json('POST', input, agent));
    }, 60);
    const accepted = byStatus.get(201) ?? [];
    const refused = byStatus.get(503) ?? [];
    expect(accepted.length + refused.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    const stored = await storedIds([...sent.keys()]);
    expect([...stored].sort()).toEqual([...accepted].sort());
    // What was refused is sent again later (as the extension does) and stored then.
    for (const id of refused) expect((await app.request('/api/v1/records', json('POST', sent.get(id), agent))).status).toBe(201);
    expect((await storedIds([...sent.keys()])).size).toBe(60);
  });

  it('answers write requests beyond the in-flight cap 503 with Retry-After before reading them, and serves reads', async () => {
    const { app } = testApp(database, { config: { maxWritesInFlight: 2 } });
    const site = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 1000 })).siteKey.key;
    const widget = { origin: SHOP, [SITE_KEY_HEADER]: site };
    const reads = Array.from({ length: 10 }, () => app.request('/api/v1/records?limit=1', { headers: agent }));
    const { byStatus } = await burst((id) => app.request('/api/v1/public/submissions', json('POST', submissionInput('a reporter secret 789', { id }), widget)), 40);
    const accepted = byStatus.get(201) ?? [];
    const refused = byStatus.get(503) ?? [];
    expect(accepted.length + refused.length).toBe(40);
    expect(refused.length).toBeGreaterThan(0);
    expect((await Promise.all(reads)).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect([...(await storedIds([...accepted, ...refused]))].sort()).toEqual([...accepted].sort());
    // The cap counts requests in flight, not requests ever made: one at a time all pass again.
    for (let i = 0; i < 5; i++) expect((await app.request('/api/v1/records', json('POST', recordInput(), agent))).status).toBe(201);
  });

  it("answers one client network's public writes beyond its in-flight cap 429, while another network's pass", async () => {
    const { app } = testApp(database, { config: { trustProxy: true, maxWritesPerClient: 2 } });
    const site = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 1000 })).siteKey.key;
    const from = (address: string) => ({ origin: SHOP, [SITE_KEY_HEADER]: site, 'x-forwarded-for': address });
    const other = app.request('/api/v1/public/submissions', json('POST', submissionInput('another reporter secret'), from('203.0.113.9')));
    const { byStatus } = await burst((id) => app.request('/api/v1/public/submissions', json('POST', submissionInput('a reporter secret 789', { id }), from('198.51.100.7'))), 12);
    expect((await other).status).toBe(201);
    const accepted = byStatus.get(201) ?? [];
    const refused = byStatus.get(429) ?? [];
    expect(accepted.length + refused.length).toBe(12);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    expect([...(await storedIds([...accepted, ...refused]))].sort()).toEqual([...accepted].sort());
    // Refused at once and asked to come back: the cap counts writes in flight, so one at a time all pass.
    for (let i = 0; i < 4; i++) {
      const res = await app.request('/api/v1/public/submissions', json('POST', submissionInput('a reporter secret 789'), from('198.51.100.7')));
      expect(res.status).toBe(201);
    }
  });

  it('limits each staff token per minute, whatever the route', async () => {
    const { app, clock } = testApp(database, { config: { staffRatePerMinute: 3 } });
    const other = (await staff(database, 'agent')).auth;
    expect((await app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
    expect((await app.request('/api/v1/records', json('POST', recordInput(), agent))).status).toBe(201);
    expect((await app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
    const limited = await app.request('/api/v1/changes', { headers: agent });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', limit: 3 });
    expect((await app.request('/api/v1/records?limit=1', { headers: other })).status).toBe(200);
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect((await app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
  });

  it('shares rate-limit counters between app instances over one database', async () => {
    const config = { sharedRateLimits: true, staffRatePerMinute: 4 };
    const [first, second] = [testApp(database, { config }), testApp(database, { config })];
    const site = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 3 })).siteKey.key;
    const submit = (app: typeof first.app) =>
      app.request('/api/v1/public/submissions', json('POST', submissionInput('a reporter secret 321'), { origin: SHOP, [SITE_KEY_HEADER]: site }));
    expect((await submit(first.app)).status).toBe(201);
    expect((await submit(second.app)).status).toBe(201);
    expect((await submit(first.app)).status).toBe(201);
    const limited = await submit(second.app);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', limit: 3, scope: 'shared' });

    for (let i = 0; i < 2; i++) {
      expect((await first.app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
      expect((await second.app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
    }
    expect((await first.app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(429);
    // A new window starts once the old one ended, in both.
    for (const t of [first, second]) t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    expect((await second.app.request('/api/v1/records?limit=1', { headers: agent })).status).toBe(200);
    expect((await submit(first.app)).status).toBe(201);
  });
});
