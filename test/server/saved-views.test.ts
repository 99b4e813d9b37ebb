import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { savedViews } from '../../server/db/schema';
import type { SavedView } from '../../shared/schemas/saved-view';

describe.each(TEST_STORES)('saved queue views on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let otherAgent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database);
    agent = await staff(database, 'agent', 'CS', '李客服');
    otherAgent = await staff(database, 'agent', 'CS', '王客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
  });
  afterAll(() => database.close());

  const create = async (body: unknown, who: { auth: Record<string, string> }) => {
    const res = await t.app.request('/api/v1/views', json('POST', body, who.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { view: SavedView }).view;
  };
  const list = async (who: { auth: Record<string, string> }) => {
    const res = await t.app.request('/api/v1/views', { headers: who.auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: SavedView[] }).items;
  };

  it('stores a personal view with its filters, search and sort, and lists shared views before personal ones', async () => {
    const mine = await create({ name: 'Urgent defects', query: { urgency: 'urgent', category: 'product_defect', q: '导出', sort: 'next_due_asc' } }, agent);
    expect(mine).toMatchObject({ name: 'Urgent defects', shared: false, ownerId: agent.user.id, version: 1, query: { urgency: 'urgent', category: 'product_defect', q: '导出', sort: 'next_due_asc' } });
    const team = await create({ name: 'Breached in CS', shared: true, query: { overdue: 'true', department: 'CS' } }, reviewer);
    const [row] = await database.db.select().from(savedViews).where(eq(savedViews.id, mine.id));
    expect(row).toMatchObject({ ownerId: agent.user.id, shared: false, name: 'Urgent defects', version: 1 });

    const ids = (await list(agent)).map((v) => v.id);
    expect(ids.indexOf(team.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(team.id)).toBeLessThan(ids.indexOf(mine.id));
    // Another agent sees the shared view but not the first agent's personal one, not even by id.
    const theirs = (await list(otherAgent)).map((v) => v.id);
    expect(theirs).toContain(team.id);
    expect(theirs).not.toContain(mine.id);
    expect((await t.app.request(`/api/v1/views/${mine.id}`, { headers: otherAgent.auth })).status).toBe(404);
    expect((await t.app.request(`/api/v1/views/${mine.id}`, { headers: agent.auth })).status).toBe(200);
  });

  it('lets only reviewers and admins create or change shared views', async () => {
    const denied = await t.app.request('/api/v1/views', json('POST', { name: 'Team', shared: true, query: {} }, agent.auth));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'forbidden' });
    const team = await create({ name: 'Needs screening CS', shared: true, query: { validity: 'unscreened' } }, reviewer);
    const edit = await t.app.request(`/api/v1/views/${team.id}`, json('PATCH', { name: 'Mine now' }, { ...agent.auth, 'if-match': '"1"' }));
    expect(edit.status).toBe(403);
    const remove = await t.app.request(`/api/v1/views/${team.id}`, { method: 'DELETE', headers: { ...agent.auth, 'if-match': '"1"' } });
    expect(remove.status).toBe(403);
    // An agent's own view cannot be turned into a shared one either.
    const mine = await create({ name: 'Mine', query: {} }, agent);
    const share = await t.app.request(`/api/v1/views/${mine.id}`, json('PATCH', { shared: true }, { ...agent.auth, 'if-match': '"1"' }));
    expect(share.status).toBe(403);
    // Another agent's personal view answers 404 to a change, as to a read.
    const foreign = await t.app.request(`/api/v1/views/${mine.id}`, json('PATCH', { name: 'x' }, { ...otherAgent.auth, 'if-match': '"1"' }));
    expect(foreign.status).toBe(404);
    const [row] = await database.db.select().from(savedViews).where(eq(savedViews.id, team.id));
    expect(row).toMatchObject({ name: 'Needs screening CS', version: 1 });
  });

  it('checks the query with the record list schema and answers each failing field path', async () => {
    const bad = [
      [{ name: 'x', query: { status: 'bogus' } }, ['query', 'status']],
      [{ name: 'x', query: { cursor: 'abc' } }, ['query']],
      [{ name: 'x', query: { sort: 'random' } }, ['query', 'sort']],
      [{ name: 'x', query: { from: '2025-13-01' } }, ['query', 'from']],
      [{ name: '', query: {} }, ['name']],
      [{ name: 'x'.repeat(201), query: {} }, ['name']],
    ] as const;
    for (const [body, path] of bad) {
      const res = await t.app.request('/api/v1/views', json('POST', body, agent.auth));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = (await res.json()) as { code: string; errors: { path: (string | number)[] }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e) => e.path.slice(0, path.length))).toContainEqual([...path]);
    }
  });

  it('renames, changes and deletes with If-Match: 428 without it, 409 with the current view when stale', async () => {
    const view = await create({ name: 'Due soon mine', query: { dueSoon: 'true', owner: 'me' } }, agent);
    const url = `/api/v1/views/${view.id}`;
    expect((await t.app.request(url, json('PATCH', { name: 'No header' }, agent.auth))).status).toBe(428);
    const renamed = await t.app.request(url, json('PATCH', { name: 'Due soon (mine)', query: { dueSoon: 'true', owner: 'me', sort: 'next_due_asc' } }, { ...agent.auth, 'if-match': '"1"' }));
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { view: SavedView }).view).toMatchObject({ name: 'Due soon (mine)', version: 2, query: { sort: 'next_due_asc' } });

    const stale = await t.app.request(url, json('PATCH', { name: 'Lost update' }, { ...agent.auth, 'if-match': '"1"' }));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'version_conflict', current: { name: 'Due soon (mine)', version: 2 } });
    expect((await t.app.request(url, { method: 'DELETE', headers: { ...agent.auth, 'if-match': '"1"' } })).status).toBe(409);
    expect((await t.app.request(url, { method: 'DELETE', headers: agent.auth })).status).toBe(428);

    expect((await t.app.request(url, { method: 'DELETE', headers: { ...agent.auth, 'if-match': '"2"' } })).status).toBe(204);
    expect(await database.db.select().from(savedViews).where(eq(savedViews.id, view.id))).toEqual([]);
    expect((await t.app.request(url, { headers: agent.auth })).status).toBe(404);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.app.request('/api/v1/views')).status).toBe(401);
  });
});
