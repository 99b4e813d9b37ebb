import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { auditEntries } from '../../server/db/schema';
import type { RequesterLinkBody, RequesterEntry } from '../../shared/schemas/requester-entry';

type Detail = { record: { id: string; version: number; requesters?: RequesterEntry[] }; audit: Array<{ action: string; actor: { id: string | null } }> };

describe.each(TEST_STORES)('linking a clip as another requester on $name', (store) => {
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

  const create = async (department = 'LNK') => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput({ department }), agent.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string; recordNumber: string } }).record;
  };
  const link = (recordId: string, body: RequesterLinkBody, who = agent) => t.app.request(`/api/v1/records/${recordId}/requesters`, json('POST', body, who.auth));
  const detail = async (id: string) => (await (await t.app.request(`/api/v1/records/${id}`, { headers: reviewer.auth })).json()) as Detail;
  const askedBy = async (department: string, id: string) => {
    const res = await t.app.request(`/api/v1/records?department=${department}`, { headers: agent.auth });
    return ((await res.json()) as { items: Array<{ id: string; askedBy: number }> }).items.find((i) => i.id === id)?.askedBy;
  };
  const clipBody = (overrides: Partial<RequesterLinkBody> = {}): RequesterLinkBody => ({
    id: uuidv7(),
    customerName: '王小明先生',
    contactPerson: '王小明',
    contact: '13812345678',
    contactConsent: true,
    source: 'customer_service',
    channel: 'ticket',
    excerpt: '导出报表时点击按钮没有反应,客户王小明电话 13812345678',
    page: { url: 'https://helpdesk.example.com/tickets/4711', title: 'Ticket #4711 导出没反应', system: 'zendesk', ticketId: '4711' },
    askedAt: '2025-09-30T09:30:00.000Z',
    ...overrides,
  });

  it('lets an agent add a clip as another requester: counted once, kept masked as its entry, audited', async () => {
    const target = await create();
    expect(await askedBy('LNK', target.id)).toBe(1);
    const body = clipBody();
    const res = await link(target.id, body);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { status: string; askedBy: number; record: { id: string; requesters: RequesterEntry[]; version: number } };
    expect(answer.status).toBe('linked');
    expect(answer.askedBy).toBe(2);
    expect(answer.record.id).toBe(target.id);
    const [entry] = answer.record.requesters;
    expect(entry).toMatchObject({ id: body.id, source: 'customer_service', channel: 'ticket', askedAt: body.askedAt, linkedBy: { id: agent.user.id, name: '李客服' }, linkedAt: '2025-09-30T10:00:00.000Z' });
    expect(entry?.page).toMatchObject({ url: body.page!.url, ticketId: '4711', system: 'zendesk' });
    // Personal data is masked on the server too, as on every record write (DOMAIN.md §3).
    expect(entry?.contact).toBe('138****5678');
    expect(entry?.customerName).toBe('*先生');
    expect(entry?.excerpt).not.toContain('13812345678');
    expect(entry?.excerpt).not.toContain('王小明');
    expect(await askedBy('LNK', target.id)).toBe(2);
    // Not a new record and not a merge: the list holds only the target, which merged nothing.
    const list = (await (await t.app.request('/api/v1/records?department=LNK&includeMerged=true', { headers: agent.auth })).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toEqual([target.id]);
    const after = await detail(target.id);
    expect(after.record.requesters?.map((e) => e.id)).toEqual([body.id]);
    expect(after.audit.map((a) => a.action)).toEqual(['create', 'requester:link']);
    expect(after.audit[1]?.actor.id).toBe(agent.user.id);
  });

  it('answers a retried link with the stored result, counting it once; another body under the same id is refused', async () => {
    const target = await create('RPL');
    const body = clipBody();
    expect((await link(target.id, body)).status).toBe(201);
    const again = await link(target.id, body);
    expect(again.status).toBe(200);
    const answer = (await again.json()) as { status: string; askedBy: number; record: { version: number; requesters: unknown[] } };
    expect(answer.status).toBe('duplicate');
    expect(answer.askedBy).toBe(2);
    expect(answer.record.requesters).toHaveLength(1);
    expect(answer.record.version).toBe(2);
    expect(await askedBy('RPL', target.id)).toBe(2);
    const rows = await database.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.recordId, target.id));
    expect(rows.map((r) => r.action)).toEqual(['create', 'requester:link']);
    const changed = await link(target.id, { ...body, excerpt: '另一个问题' });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { code: string }).code).toBe('idempotency_conflict');
  });

  it('lets reviewers undo a link (count back, audited, entry marked), agents not; a late retry does not bring it back', async () => {
    const target = await create('UND');
    const body = clipBody();
    expect((await link(target.id, body)).status).toBe(201);
    const forbidden = await t.app.request(`/api/v1/records/${target.id}/requesters/${body.id}/undo`, { method: 'POST', headers: agent.auth });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('forbidden');
    expect(await askedBy('UND', target.id)).toBe(2);
    const undo = await t.app.request(`/api/v1/records/${target.id}/requesters/${body.id}/undo`, { method: 'POST', headers: reviewer.auth });
    expect(undo.status).toBe(200);
    const undone = ((await undo.json()) as { record: { requesters: RequesterEntry[] } }).record.requesters[0];
    expect(undone?.undone).toEqual({ by: { id: reviewer.user.id, name: '张经理' }, at: '2025-09-30T10:00:00.000Z' });
    expect(await askedBy('UND', target.id)).toBe(1);
    const trail = await detail(target.id);
    expect(trail.audit.map((a) => a.action)).toEqual(['create', 'requester:link', 'requester:unlink']);
    expect(trail.audit[2]?.actor.id).toBe(reviewer.user.id);
    const twice = await t.app.request(`/api/v1/records/${target.id}/requesters/${body.id}/undo`, { method: 'POST', headers: reviewer.auth });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { details: { guard: string } }).details.guard).toBe('link_already_undone');
    const retry = await link(target.id, body);
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { details: { guard: string } }).details.guard).toBe('link_undone');
    expect(await askedBy('UND', target.id)).toBe(1);
    const unknown = await t.app.request(`/api/v1/records/${target.id}/requesters/${uuidv7()}/undo`, { method: 'POST', headers: reviewer.auth });
    expect(unknown.status).toBe(404);
  });

  it('counts linked requesters beside merged records, and refuses merged, invalid and closed targets', async () => {
    const [survivor, duplicate, invalid, closed] = [await create('MIX'), await create('MIX'), await create('MIX'), await create('MIX')];
    expect((await t.app.request(`/api/v1/records/${duplicate.id}/merge`, json('POST', { into: survivor.id }, reviewer.auth))).status).toBe(200);
    expect((await link(survivor.id, clipBody())).status).toBe(201);
    expect((await link(survivor.id, clipBody())).status).toBe(201);
    expect(await askedBy('MIX', survivor.id)).toBe(4);

    const refused = async (id: string) => {
      const res = await link(id, clipBody());
      expect(res.status).toBe(409);
      return ((await res.json()) as { details: { guard: string } }).details.guard;
    };
    expect(await refused(duplicate.id)).toBe('link_target_merged');
    await t.app.request(`/api/v1/records/${invalid.id}/transitions`, json('POST', { type: 'mark_invalid', reason: '虚假信息' }, reviewer.auth));
    expect(await refused(invalid.id)).toBe('link_target_invalid');
    const step = async (path: string, body: object) => expect((await t.app.request(`/api/v1/records/${closed.id}/${path}`, json('POST', body, reviewer.auth))).status).toBe(200);
    await step('transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await step('transitions', { type: 'start', ownerId: reviewer.user.id });
    await step('transitions', { type: 'complete', result: '已修复' });
    // A done record still takes requesters: their customers hear the outcome with the others.
    expect((await link(closed.id, clipBody())).status).toBe(201);
    await step('communications', { kind: 'done', message: '您反馈的问题已修复' });
    await step('transitions', { type: 'close' });
    expect(await refused(closed.id)).toBe('link_target_closed');
  });

  it('answers bad links with field paths, unknown records with 404, and no caller without a token', async () => {
    const target = await create('BAD');
    const bad = await link(target.id, { ...clipBody(), contactConsent: false, excerpt: '' });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { errors: Array<{ path: string[] }> }).errors.map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['excerpt', 'contact']));
    expect((await link(uuidv7(), clipBody())).status).toBe(404);
    const anonymous = await t.app.request(`/api/v1/records/${target.id}/requesters`, json('POST', clipBody()));
    expect(anonymous.status).toBe(401);
  });
});
