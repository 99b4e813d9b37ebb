import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import type { Record as EchoRecord } from '../../shared/schemas/record';

describe.each(TEST_STORES)('change request approval on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
  });
  afterAll(async () => {
    await database.close();
  });

  const post = async (id: string, path: string, body: unknown) => {
    const res = await t.app.request(`/api/v1/records/${id}/${path}`, json('POST', body, reviewer.auth));
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { record: EchoRecord }).record;
  };

  /** A record in progress with a task order due 2025-10-20. */
  async function inProgress(): Promise<EchoRecord> {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth));
    const { record } = (await res.json()) as { record: EchoRecord };
    await post(record.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const patched = await t.app.request(
      `/api/v1/records/${record.id}`,
      json('PATCH', { taskOrder: { goal: '修复导出', deliveryStandard: '10 秒内下载', deadline: '2025-10-20', ownerId: reviewer.user.id } }, { ...reviewer.auth, 'if-match': '"2"' }),
    );
    expect(patched.status).toBe(200);
    return post(record.id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
  }

  it('applies the adjusted deadline to the task order only when the request is approved', async () => {
    const r = await inProgress();
    const body = { reason: '测试资源不足', adjustedPlan: '顺延一周', effectiveAt: '2025-10-20T15:59:59.999Z', adjustedDeadline: '2025-10-27' };
    const filed = await post(r.id, 'change-requests', body);
    expect(filed.taskOrder?.deadline).toBe('2025-10-20');
    expect(filed.changeRequests[0]).toMatchObject({ adjustedDeadline: '2025-10-27', state: 'pending' });
    const approved = await post(r.id, `change-requests/${filed.changeRequests[0]!.id}/decision`, { approve: true });
    expect(approved.taskOrder?.deadline).toBe('2025-10-27');

    const other = await inProgress();
    const second = await post(other.id, 'change-requests', body);
    const rejected = await post(other.id, `change-requests/${second.changeRequests[0]!.id}/decision`, { approve: false });
    expect(rejected.taskOrder?.deadline).toBe('2025-10-20');
  });

  it('refuses an adjusted deadline that is not a date, with its field path', async () => {
    const r = await inProgress();
    const res = await t.app.request(
      `/api/v1/records/${r.id}/change-requests`,
      json('POST', { reason: '资源不足', adjustedPlan: '顺延', effectiveAt: '2025-10-20T15:59:59.999Z', adjustedDeadline: 'next week' }, reviewer.auth),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await res.json()) as { errors: Array<{ path: string[] }> };
    expect(problem.errors.map((e) => e.path.join('.'))).toContain('adjustedDeadline');
  });
});
