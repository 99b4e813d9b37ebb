import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { SimilarRecords } from '../../shared/schemas/similar-records';
import * as z from 'zod/mini';

describe.each(TEST_STORES)('similar records on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    agent = await staff(database, 'agent', 'CS', '李客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
  });
  afterAll(async () => {
    await database.close();
  });

  const create = async (problem: string) => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput({ problem, scenario: undefined, expectedSolution: undefined }), agent.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string; recordNumber: string; version: number } }).record;
  };
  const similar = async (id: string, auth = reviewer.auth) => {
    const res = await t.app.request(`/api/v1/records/${id}/similar`, { headers: auth });
    expect(res.status).toBe(200);
    return z.parse(SimilarRecords, await res.json()).items;
  };

  it('suggests records that describe the same problem, best first, and leaves out unrelated and merged ones', async () => {
    const a = await create('导出报表时点击导出按钮没有反应');
    const b = await create('点击导出报表按钮没有反应,客户多次提及');
    const c = await create('导出报表按钮没有反应');
    await create('希望可以自定义仪表盘的主题颜色');
    const found = await similar(a.id);
    expect(found.map((m) => m.record.id).sort()).toEqual([b.id, c.id].sort());
    expect(found[0]!.score).toBeGreaterThanOrEqual(found[1]!.score);

    const merged = await t.app.request(`/api/v1/records/${c.id}/merge`, json('POST', { into: a.id }, reviewer.auth));
    expect(merged.status).toBe(200);
    expect((await similar(a.id)).map((m) => m.record.id)).toEqual([b.id]);
    // Agents read records too, so they see the suggestions (merging stays a reviewer's action).
    expect((await similar(a.id, agent.auth)).map((m) => m.record.id)).toEqual([b.id]);
  });

  it('answers 404 problem+json for an unknown record and 401 without a session', async () => {
    const missing = await t.app.request('/api/v1/records/CS-20990101-001/similar', { headers: reviewer.auth });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await t.app.request('/api/v1/records/CS-20990101-001/similar')).status).toBe(401);
  });
});
