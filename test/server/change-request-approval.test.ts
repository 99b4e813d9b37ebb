import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { updateUser } from '../../server/store/users';

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

  it('hands the record and its task order to the adjusted owner only when the request is approved', async () => {
    const agent = await staff(database, 'agent', 'CS', '李客服');
    const r = await inProgress();
    const body = { reason: '张经理出差', adjustedPlan: '由李客服接手', effectiveAt: '2025-10-20T15:59:59.999Z', adjustedOwnerId: agent.user.id };
    const filed = await post(r.id, 'change-requests', body);
    expect(filed.owner).toEqual({ id: reviewer.user.id, name: '张经理' });
    expect(filed.changeRequests[0]).toMatchObject({ adjustedOwner: { id: agent.user.id, name: '李客服' }, state: 'pending' });
    expect(filed.changeRequests[0]).not.toHaveProperty('adjustedOwnerId');
    const approved = await post(r.id, `change-requests/${filed.changeRequests[0]!.id}/decision`, { approve: true });
    expect(approved.owner).toEqual({ id: agent.user.id, name: '李客服' });
    expect(approved.taskOrder).toMatchObject({ ownerId: agent.user.id, deadline: '2025-10-20' });
    const detail = (await (await t.app.request(`/api/v1/records/${r.id}`, { headers: reviewer.auth })).json()) as {
      audit: Array<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>;
    };
    expect(detail.audit.at(-1)).toMatchObject({ action: 'change_request:approve', before: { owner: { name: '张经理' } }, after: { owner: { name: '李客服' } } });

    const other = await inProgress();
    const second = await post(other.id, 'change-requests', body);
    const rejected = await post(other.id, `change-requests/${second.changeRequests[0]!.id}/decision`, { approve: false });
    expect(rejected.owner).toEqual({ id: reviewer.user.id, name: '张经理' });
    expect(rejected.taskOrder?.ownerId).toBe(reviewer.user.id);

    // An owner who left between filing and approval: refused with the field, nothing changed.
    const third = await inProgress();
    const pending = await post(third.id, 'change-requests', body);
    await updateUser(database.db, agent.user.id, { disabled: true });
    const refused = await t.app.request(`/api/v1/records/${third.id}/change-requests/${pending.changeRequests[0]!.id}/decision`, json('POST', { approve: true }, reviewer.auth));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ path: string[] }> }).errors[0]?.path).toEqual(['adjustedOwnerId']);
    const unknown = await t.app.request(`/api/v1/records/${third.id}/change-requests`, json('POST', body, reviewer.auth));
    expect(unknown.status).toBe(400);
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
