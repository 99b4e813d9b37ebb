import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { campaigns } from '../../server/db/schema';

/** DOMAIN.md §2's example campaign. */
const campaignBody = (overrides: Record<string, unknown> = {}) => ({
  goal: 'Improve the export flow',
  targetCustomers: 'Customers who bought product A in the last 3 months',
  categories: ['feature_request', 'product_defect'],
  period: { label: '2024 Q3' },
  ...overrides,
});

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(TEST_STORES)('campaigns API on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let admin: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database);
    agent = await staff(database, 'agent', 'CS', '李客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    admin = await staff(database, 'admin', 'IT', '王管理员');
  });
  afterAll(() => database.close());

  const stored = async () => Number((await database.db.select({ n: count() }).from(campaigns))[0]?.n);
  const create = async (body: unknown = campaignBody(), who = reviewer) => {
    const res = await t.app.request('/api/v1/campaigns', json('POST', body, who.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { campaign: Record<string, unknown> & { id: string } }).campaign;
  };

  it('creates a campaign with a server-made UUIDv7, active by default, and reads it back', async () => {
    const res = await t.app.request('/api/v1/campaigns', json('POST', campaignBody(), reviewer.auth));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; campaign: { id: string; active: boolean; goal: string } };
    expect(body.status).toBe('created');
    expect(body.campaign.id).toMatch(UUID_V7);
    expect(body.campaign).toMatchObject({ active: true, goal: 'Improve the export flow', period: { label: '2024 Q3' } });
    expect(res.headers.get('location')).toBe(`/api/v1/campaigns/${body.campaign.id}`);

    const got = await t.app.request(`/api/v1/campaigns/${body.campaign.id}`, { headers: agent.auth });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { campaign: unknown }).campaign).toEqual(body.campaign);
  });

  it('takes a client-supplied id as the idempotency key: same body 200, different body 409', async () => {
    const id = uuidv4().toUpperCase();
    const first = await t.app.request('/api/v1/campaigns', json('POST', campaignBody({ id }), reviewer.auth));
    expect(first.status).toBe(201);
    expect(((await first.json()) as { campaign: { id: string } }).campaign.id).toBe(id.toLowerCase());
    const before = await stored();

    const again = await t.app.request('/api/v1/campaigns', json('POST', campaignBody({ id }), reviewer.auth));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');

    const other = await t.app.request('/api/v1/campaigns', json('POST', campaignBody({ id, goal: 'Something else' }), reviewer.auth));
    expect(other.status).toBe(409);
    const problem = (await other.json()) as { code: string; current: { goal: string } };
    expect(problem.code).toBe('idempotency_conflict');
    expect(problem.current.goal).toBe('Improve the export flow');
    expect(await stored()).toBe(before);
  });

  it('lists campaigns newest first, filtered by state, for anyone who may read records', async () => {
    const older = await create(campaignBody({ goal: 'Older campaign' }));
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    const newer = await create(campaignBody({ goal: 'Newer campaign', active: false }));
    const res = await t.app.request('/api/v1/campaigns', { headers: agent.auth });
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as { items: { id: string }[] }).items.map((c) => c.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));

    const inactive = (await (await t.app.request('/api/v1/campaigns?active=false', { headers: agent.auth })).json()) as {
      items: { id: string; active: boolean }[];
    };
    expect(inactive.items.map((c) => c.id)).toContain(newer.id);
    expect(inactive.items.every((c) => c.active === false)).toBe(true);

    const bad = await t.app.request('/api/v1/campaigns?active=maybe', { headers: agent.auth });
    expect(bad.status).toBe(400);
  });

  it.each([
    ['a wrong type', campaignBody({ goal: 42 }), ['goal']],
    ['an unknown category', campaignBody({ categories: ['praise'] }), ['categories', 0]],
    ['no categories', campaignBody({ categories: [] }), ['categories']],
    ['a missing goal', (({ goal: _g, ...rest }) => rest)(campaignBody()), ['goal']],
    ['a missing period', (({ period: _p, ...rest }) => rest)(campaignBody()), ['period']],
    ['a reversed date range', campaignBody({ period: { from: '2024-09-30', to: '2024-07-01' } }), ['period', 'to']],
    ['a bad period label', campaignBody({ period: { label: '2024 Q5' } }), ['period', 'label']],
    ['an id that is not a UUID', campaignBody({ id: 'campaign-1' }), ['id']],
    ['an array body', [campaignBody()], []],
  ])('refuses %s with 400 and field paths, storing nothing', async (_label, body, path) => {
    const before = await stored();
    const res = await t.app.request('/api/v1/campaigns', json('POST', body, reviewer.auth));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { path: unknown[] }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toContainEqual(path);
    expect(await stored()).toBe(before);
  });

  it('refuses a wrong content type (415), broken JSON (400) and a missing body (400)', async () => {
    const before = await stored();
    const text = await t.app.request('/api/v1/campaigns', {
      method: 'POST',
      headers: { ...reviewer.auth, 'content-type': 'text/plain' },
      body: JSON.stringify(campaignBody()),
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { code: string }).code).toBe('unsupported_media_type');
    const broken = await t.app.request('/api/v1/campaigns', json('POST', '{"goal":', reviewer.auth));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('invalid_json');
    const empty = await t.app.request('/api/v1/campaigns', { method: 'POST', headers: reviewer.auth });
    expect(empty.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('lets only campaign.manage write: agents get 403, nobody signed in 401', async () => {
    const before = await stored();
    const forbidden = await t.app.request('/api/v1/campaigns', json('POST', campaignBody(), agent.auth));
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('forbidden');
    const anonymous = await t.app.request('/api/v1/campaigns', json('POST', campaignBody()));
    expect(anonymous.status).toBe(401);
    expect((await t.app.request('/api/v1/campaigns')).status).toBe(401);
    expect(await stored()).toBe(before);

    const c = await create(campaignBody(), admin);
    const patch = await t.app.request(`/api/v1/campaigns/${c.id}`, json('PATCH', { goal: 'Hijacked' }, agent.auth));
    expect(patch.status).toBe(403);
    const off = await t.app.request(`/api/v1/campaigns/${c.id}/deactivate`, { method: 'POST', headers: agent.auth });
    expect(off.status).toBe(403);
    const got = (await (await t.app.request(`/api/v1/campaigns/${c.id}`, { headers: agent.auth })).json()) as {
      campaign: { goal: string; active: boolean };
    };
    expect(got.campaign).toMatchObject({ goal: 'Improve the export flow', active: true });
  });

  it('updates fields with PATCH, checking the merged campaign', async () => {
    const c = await create();
    const res = await t.app.request(
      `/api/v1/campaigns/${c.id}`,
      json('PATCH', { goal: 'Export in under 10 seconds', period: { label: '2024 Q4' } }, reviewer.auth),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { campaign: Record<string, unknown> };
    expect(body.campaign).toMatchObject({ id: c.id, goal: 'Export in under 10 seconds', period: { label: '2024 Q4' } });
    expect(body.campaign.targetCustomers).toBe(c.targetCustomers);
    const got = (await (await t.app.request(`/api/v1/campaigns/${c.id}`, { headers: agent.auth })).json()) as {
      campaign: unknown;
    };
    expect(got.campaign).toEqual(body.campaign);
  });

  it.each([
    ['an empty patch', {}, 'empty_patch'],
    ['an unknown field', { owner: 'me' }, 'unrecognized_keys'],
    ['an invalid value', { categories: ['praise'] }, 'invalid_value'],
    ['a changed id', { id: uuidv7() }, 'invalid_value'],
  ])('refuses %s in PATCH and keeps the campaign', async (_label, patch, code) => {
    const c = await create();
    const res = await t.app.request(`/api/v1/campaigns/${c.id}`, json('PATCH', patch, reviewer.auth));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { code: string }[] };
    expect(problem.errors.map((e) => e.code)).toContain(code);
    const got = (await (await t.app.request(`/api/v1/campaigns/${c.id}`, { headers: agent.auth })).json()) as {
      campaign: unknown;
    };
    expect(got.campaign).toEqual(c);
  });

  it('answers 404 for an unknown campaign and 400 for an id that is not a UUID', async () => {
    const missing = uuidv7();
    expect((await t.app.request(`/api/v1/campaigns/${missing}`, { headers: agent.auth })).status).toBe(404);
    const patch = await t.app.request(`/api/v1/campaigns/${missing}`, json('PATCH', { goal: 'x' }, reviewer.auth));
    expect(patch.status).toBe(404);
    expect((await t.app.request(`/api/v1/campaigns/${missing}/deactivate`, { method: 'POST', headers: reviewer.auth })).status).toBe(404);
    const bad = await t.app.request('/api/v1/campaigns/not-a-uuid', { headers: agent.auth });
    expect(bad.status).toBe(400);
  });

  it('deactivates and reactivates a campaign, idempotently', async () => {
    const c = await create();
    const off = await t.app.request(`/api/v1/campaigns/${c.id}/deactivate`, { method: 'POST', headers: reviewer.auth });
    expect(off.status).toBe(200);
    expect(((await off.json()) as { campaign: { active: boolean } }).campaign.active).toBe(false);
    const again = await t.app.request(`/api/v1/campaigns/${c.id}/deactivate`, { method: 'POST', headers: reviewer.auth });
    expect(((await again.json()) as { campaign: { active: boolean } }).campaign.active).toBe(false);
    const listed = (await (await t.app.request('/api/v1/campaigns?active=true', { headers: agent.auth })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((x) => x.id)).not.toContain(c.id);
    const on = await t.app.request(`/api/v1/campaigns/${c.id}/activate`, { method: 'POST', headers: reviewer.auth });
    expect(((await on.json()) as { campaign: { active: boolean } }).campaign.active).toBe(true);
  });

  it('answers an ETag and refuses an edit whose If-Match is stale with 409 and the campaign as it is now', async () => {
    const c = await create();
    const got = await t.app.request(`/api/v1/campaigns/${c.id}`, { headers: reviewer.auth });
    const seen = got.headers.get('etag');
    expect(seen).toMatch(/^"[0-9a-f]{16}"$/);

    // Someone else changes the goal with the tag both of them saw.
    const first = await t.app.request(`/api/v1/campaigns/${c.id}`, json('PATCH', { goal: 'Faster exports' }, { ...admin.auth, 'if-match': seen! }));
    expect(first.status).toBe(200);
    const fresh = first.headers.get('etag');
    expect(fresh).not.toBe(seen);

    const stale = await t.app.request(`/api/v1/campaigns/${c.id}`, json('PATCH', { targetCustomers: 'Everyone' }, { ...reviewer.auth, 'if-match': seen! }));
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { code: string; current: { goal: string; targetCustomers: string } };
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({ goal: 'Faster exports', targetCustomers: campaignBody().targetCustomers });

    const retried = await t.app.request(`/api/v1/campaigns/${c.id}`, json('PATCH', { targetCustomers: 'Everyone' }, { ...reviewer.auth, 'if-match': fresh! }));
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { campaign: unknown }).campaign).toMatchObject({ goal: 'Faster exports', targetCustomers: 'Everyone' });
  });
});
