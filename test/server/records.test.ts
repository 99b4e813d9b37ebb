import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records, auditEntries } from '../../server/db/schema';
import { count, sql } from 'drizzle-orm';

describe.each(TEST_STORES)('records API on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let agent2: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    agent = await staff(database, 'agent', 'CS', '李客服');
    agent2 = await staff(database, 'agent', 'CS', '王客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
  });
  afterAll(async () => {
    await database.close();
  });

  const rowCount = async () => Number((await database.db.select({ n: count() }).from(records))[0]?.n);
  const create = async (overrides = {}, who = agent) => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput(overrides), who.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string; recordNumber: string; version: number } }).record;
  };

  it('creates a record with a number, masked data and an audit entry', async () => {
    const input = recordInput({ problem: '客户王小明先生电话 13812345678 反馈导出报表点击按钮无反应' });
    const res = await t.app.request('/api/v1/records', json('POST', input, agent.auth));
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const body = (await res.json()) as { record: Record<string, unknown> };
    expect(body.record.recordNumber).toMatch(/^CS-20250930-\d{3}$/);
    expect(body.record.status).toBe('pending_analysis');
    expect(body.record.validity).toBe('unscreened');
    expect(body.record.problem).not.toContain('13812345678');
    expect(body.record.problem).toContain('138****5678');
    const got = await t.app.request(`/api/v1/records/${input.id}`, { headers: reviewer.auth });
    const detail = (await got.json()) as { audit: Array<{ action: string; actor: { id: string } }> };
    expect(detail.audit.map((a) => a.action)).toEqual(['create']);
    expect(detail.audit[0]?.actor.id).toBe(agent.user.id);
  });

  it('numbers per department and day, gap-free, in the company time zone', async () => {
    // 2025-09-29T16:00Z is already 2025-09-30 in Shanghai.
    const a = await create({ department: 'SALES', recordedAt: '2025-09-29T15:59:00.000Z' });
    const b = await create({ department: 'SALES', recordedAt: '2025-09-29T16:00:00.000Z' });
    const c = await create({ department: 'SALES', recordedAt: '2025-09-29T09:00:00.000Z' });
    expect(a.recordNumber).toBe('SALES-20250929-001');
    expect(b.recordNumber).toBe('SALES-20250930-001');
    expect(c.recordNumber).toBe('SALES-20250929-002');
  });

  it('is idempotent by client id: same body is a duplicate, a different body a conflict', async () => {
    const input = recordInput();
    const first = await t.app.request('/api/v1/records', json('POST', input, agent.auth));
    expect(first.status).toBe(201);
    const again = await t.app.request('/api/v1/records', json('POST', input, agent.auth));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');
    const before = await rowCount();
    const changed = await t.app.request('/api/v1/records', json('POST', { ...input, problem: '别的问题描述,完全不同' }, agent.auth));
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { code: string }).code).toBe('idempotency_conflict');
    expect(await rowCount()).toBe(before);
  });

  it('answers a batch item by item and stores only the valid ones', async () => {
    const good = recordInput();
    const dupe = recordInput();
    await t.app.request('/api/v1/records', json('POST', dupe, agent.auth));
    const before = await rowCount();
    const bad = { ...recordInput(), problem: '' };
    const noConsent = { ...recordInput(), contactConsent: false };
    const res = await t.app.request(
      '/api/v1/records/batch',
      json('POST', { items: [good, bad, dupe, noConsent] }, agent.auth),
    );
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ id: string; status: string; error?: { code: string; errors?: Array<{ path: unknown[]; code: string }> } }> };
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'duplicate', 'rejected']);
    expect(results[1]?.error?.errors?.[0]?.path).toEqual(['problem']);
    expect(results[3]?.error?.errors?.[0]).toMatchObject({ path: ['contact'], code: 'contact_requires_consent' });
    expect(await rowCount()).toBe(before + 1);
  });

  it('rejects bad batches as a whole with a clear error', async () => {
    const before = await rowCount();
    const empty = await t.app.request('/api/v1/records/batch', json('POST', { items: [] }, agent.auth));
    expect(empty.status).toBe(400);
    const tooMany = await t.app.request(
      '/api/v1/records/batch',
      json('POST', { items: Array.from({ length: 101 }, () => recordInput()) }, agent.auth),
    );
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { code: string }).code).toBe('validation_failed');
    expect(await rowCount()).toBe(before);
  });

  it('answers bad input classes with problem+json and stores nothing', async () => {
    const before = await rowCount();
    const wrongType = await t.app.request('/api/v1/records', json('POST', { ...recordInput(), contactConsent: 'yes' }, agent.auth));
    expect(wrongType.status).toBe(400);
    expect(wrongType.headers.get('content-type')).toContain('application/problem+json');
    const body = (await wrongType.json()) as { code: string; errors: Array<{ path: unknown[] }> };
    expect(body.code).toBe('validation_failed');
    expect(body.errors[0]?.path).toEqual(['contactConsent']);
    const { problem: _p, ...missing } = recordInput();
    const res2 = await t.app.request('/api/v1/records', json('POST', missing, agent.auth));
    expect(((await res2.json()) as { errors: Array<{ path: unknown[] }> }).errors.map((e) => e.path)).toContainEqual(['problem']);
    const notJson = await t.app.request('/api/v1/records', { method: 'POST', headers: { ...agent.auth, 'content-type': 'text/plain' }, body: 'hi' });
    expect(notJson.status).toBe(415);
    expect(((await notJson.json()) as { code: string }).code).toBe('unsupported_media_type');
    const broken = await t.app.request('/api/v1/records', json('POST', '{"id": ', agent.auth));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('invalid_json');
    const huge = await t.app.request('/api/v1/records', json('POST', { ...recordInput(), notes: 'x'.repeat(1_100_000) }, agent.auth));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('payload_too_large');
    const future = await t.app.request('/api/v1/records', json('POST', recordInput({ recordedAt: '2030-01-01T00:00:00.000Z' }), agent.auth));
    expect(future.status).toBe(400);
    const anonymous = await t.app.request('/api/v1/records', json('POST', recordInput()));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('unauthenticated');
    const badToken = await t.app.request('/api/v1/records', json('POST', recordInput(), { authorization: 'Bearer ebx_nope' }));
    expect(badToken.status).toBe(401);
    expect(await rowCount()).toBe(before);
  });

  it('edits with If-Match and answers a stale version with 409 and the current record', async () => {
    const rec = await create();
    const noVersion = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { notes: '补充说明' }, agent.auth));
    expect(noVersion.status).toBe(428);
    const ok = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { notes: '补充说明' }, { ...agent.auth, 'if-match': '"1"' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { notes: '另一个说明' }, { ...agent.auth, 'if-match': '"1"' }));
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { code: string; current: { version: number; notes: string } };
    expect(conflict.code).toBe('version_conflict');
    expect(conflict.current).toMatchObject({ version: 2, notes: '补充说明' });
    const unknownField = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { status: 'done' }, { ...agent.auth, 'if-match': '"2"' }));
    expect(unknownField.status).toBe(400);
    const audit = await database.db.select({ n: count() }).from(auditEntries).where(sql`${auditEntries.recordId} = ${rec.id}`);
    expect(Number(audit[0]?.n)).toBe(2);
  });

  it('lets agents edit only their own records and not set review fields', async () => {
    const rec = await create({}, agent);
    const other = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { notes: 'x' }, { ...agent2.auth, 'if-match': '"1"' }));
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('forbidden');
    const review = await t.app.request(`/api/v1/records/${rec.id}`, json('PATCH', { urgency: 'urgent' }, { ...agent.auth, 'if-match': '"1"' }));
    expect(review.status).toBe(403);
  });

  it('runs the workflow with guards and deadlines in working days', async () => {
    // Recorded 2025-09-30 18:00 Shanghai, important: due at the end of Sat 2025-10-11 (make-up day).
    const rec = await create({ recordedAt: '2025-09-30T10:00:00.000Z' });
    const url = `/api/v1/records/${rec.id}/transitions`;
    const agentTry = await t.app.request(url, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, agent.auth));
    expect(agentTry.status).toBe(403);
    const missing = await t.app.request(url, json('POST', { type: 'mark_valid' }, reviewer.auth));
    expect(missing.status).toBe(409);
    expect(((await missing.json()) as { code: string; details: { guard: string } }).details.guard).toBe('nature_and_urgency_required');
    const valid = await t.app.request(url, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer.auth));
    expect(valid.status).toBe(200);
    const validRecord = ((await valid.json()) as { record: { validity: string; dueAt: string } }).record;
    expect(validRecord.validity).toBe('valid');
    expect(validRecord.dueAt).toBe('2025-10-11T15:59:59.999Z');
    const start = await t.app.request(url, json('POST', { type: 'start', ownerId: agent.user.id }, reviewer.auth));
    expect(start.status).toBe(200);
    expect(((await start.json()) as { record: { status: string; owner: { name: string } } }).record).toMatchObject({ status: 'in_progress', owner: { name: '李客服' } });
    const progress = await t.app.request(`/api/v1/records/${rec.id}/progress`, json('POST', { milestone: 'requirement_review', note: '评审通过' }, agent.auth));
    expect(progress.status).toBe(200);
    const noResult = await t.app.request(url, json('POST', { type: 'complete', result: '' }, agent.auth));
    expect(noResult.status).toBe(400);
    const done = await t.app.request(url, json('POST', { type: 'complete', result: '已修复,版本 2.3 上线' }, agent.auth));
    expect(done.status).toBe(200);
    const close = await t.app.request(url, json('POST', { type: 'close' }, reviewer.auth));
    expect(close.status).toBe(409);
    expect(((await close.json()) as { details: { guard: string } }).details.guard).toBe('customer_not_told');
    await t.app.request(`/api/v1/records/${rec.id}/communications`, json('POST', { kind: 'done', message: '您反馈的问题已修复' }, reviewer.auth));
    // 不满意 given by phone reopens the record as the widget's and the status page's do: no reopen by hand.
    const rated = await t.app.request(`/api/v1/records/${rec.id}/satisfaction`, json('POST', { rating: 'dissatisfied', comment: '还是很慢' }, reviewer.auth));
    expect(rated.status).toBe(200);
    const reopened = ((await rated.json()) as { record: { status: string; cycle: number; result: unknown } }).record;
    expect(reopened).toMatchObject({ status: 'in_progress', cycle: 2, result: null });
    const got = await t.app.request(`/api/v1/records/${rec.id}`, { headers: reviewer.auth });
    const detail = (await got.json()) as { audit: Array<{ action: string }> };
    expect(detail.audit.map((a) => a.action)).toEqual([
      'create',
      'transition:mark_valid',
      'transition:start',
      'progress',
      'transition:complete',
      'communication',
      'satisfaction',
    ]);
  });

  it('marks invalid only with a reason and keeps the record', async () => {
    const rec = await create();
    const url = `/api/v1/records/${rec.id}/transitions`;
    const noReason = await t.app.request(url, json('POST', { type: 'mark_invalid', reason: ' ' }, reviewer.auth));
    expect(noReason.status).toBe(400);
    const invalid = await t.app.request(url, json('POST', { type: 'mark_invalid', reason: '与公司战略直接冲突' }, reviewer.auth));
    expect(invalid.status).toBe(200);
    expect(((await invalid.json()) as { record: unknown }).record).toMatchObject({ status: 'closed', validity: 'invalid', invalidReason: '与公司战略直接冲突' });
    const list = await t.app.request('/api/v1/records?validity=invalid', { headers: reviewer.auth });
    expect(((await list.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(rec.id);
  });

  it('merges duplicates reversibly', async () => {
    const a = await create();
    const b = await create();
    const merge = await t.app.request(`/api/v1/records/${b.id}/merge`, json('POST', { into: a.id }, reviewer.auth));
    expect(merge.status).toBe(200);
    const list = await t.app.request('/api/v1/records?limit=200', { headers: reviewer.auth });
    const ids = ((await list.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
    const target = await t.app.request(`/api/v1/records/${a.id}`, { headers: reviewer.auth });
    expect(((await target.json()) as { duplicates: Array<{ id: string }> }).duplicates.map((d) => d.id)).toEqual([b.id]);
    const agentMerge = await t.app.request(`/api/v1/records/${a.id}/merge`, json('POST', { into: b.id }, agent.auth));
    expect(agentMerge.status).toBe(403);
    const unmerge = await t.app.request(`/api/v1/records/${b.id}/unmerge`, { method: 'POST', headers: reviewer.auth });
    expect(unmerge.status).toBe(200);
    expect(((await unmerge.json()) as { record: { mergedInto: unknown } }).record.mergedInto).toBeNull();
  });

  it('counts each list row\'s requesters after merges ("asked by N"), and again after an undo', async () => {
    const [a, b, c] = [await create({ department: 'ASK' }), await create({ department: 'ASK' }), await create({ department: 'ASK' })];
    const askedBy = async () => {
      const res = await t.app.request('/api/v1/records?department=ASK', { headers: reviewer.auth });
      return Object.fromEntries(((await res.json()) as { items: Array<{ id: string; askedBy: number }> }).items.map((i) => [i.id, i.askedBy]));
    };
    expect(await askedBy()).toEqual({ [a.id]: 1, [b.id]: 1, [c.id]: 1 });
    for (const dup of [b, c]) expect((await t.app.request(`/api/v1/records/${dup.id}/merge`, json('POST', { into: a.id }, reviewer.auth))).status).toBe(200);
    expect(await askedBy()).toEqual({ [a.id]: 3 });
    expect((await t.app.request(`/api/v1/records/${c.id}/unmerge`, { method: 'POST', headers: reviewer.auth })).status).toBe(200);
    expect(await askedBy()).toEqual({ [a.id]: 2, [c.id]: 1 });
  });

  it('lists with filters, search in Chinese and English, and cursor pages', async () => {
    const tag = `KW${Date.now()}`;
    const zh = await create({ problem: `登录页面验证码收不到 ${tag}`, scenario: '登录页面,点击获取验证码后', department: 'OPS' });
    const en = await create({ problem: `Export button does nothing on the reports page ${tag}`, department: 'OPS' });
    const q = async (query: string) => {
      const res = await t.app.request(`/api/v1/records?${query}`, { headers: reviewer.auth });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Array<{ id: string }>; nextCursor: string | null });
    };
    expect((await q(`q=${encodeURIComponent('验证码')}`)).items.map((i) => i.id)).toEqual([zh.id]);
    expect((await q(`q=${encodeURIComponent('expo')}&department=OPS`)).items.map((i) => i.id)).toEqual([en.id]);
    expect((await q(`q=${encodeURIComponent('reports export')}&department=OPS`)).items.map((i) => i.id)).toEqual([en.id]);
    expect((await q('department=OPS')).items.map((i) => i.id)).toEqual([en.id, zh.id]);
    const page1 = await q('department=OPS&limit=1');
    expect(page1.items.map((i) => i.id)).toEqual([en.id]);
    const page2 = await q(`department=OPS&limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.id)).toEqual([zh.id]);
    expect(page2.nextCursor).toBeNull();
    const asc = await q('department=OPS&sort=created_asc');
    expect(asc.items.map((i) => i.id)).toEqual([zh.id, en.id]);
    const bad = await t.app.request('/api/v1/records?status=nonsense', { headers: reviewer.auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: unknown[] }> }).errors[0]?.path[0]).toBe('status');
    const badCursor = await t.app.request('/api/v1/records?cursor=zzz', { headers: reviewer.auth });
    expect(badCursor.status).toBe(400);
  });

  it('finds overdue records by the clock', async () => {
    const rec = await create({ department: 'LATE', recordedAt: '2025-09-30T01:00:00.000Z' });
    await t.app.request(`/api/v1/records/${rec.id}/transitions`, json('POST', { type: 'mark_valid', nature: 'service_improvement', urgency: 'urgent' }, reviewer.auth));
    const before = await t.app.request('/api/v1/records?department=LATE&overdue=true', { headers: reviewer.auth });
    expect(((await before.json()) as { items: unknown[] }).items).toHaveLength(0);
    t.clock.now = new Date('2025-10-01T02:00:00Z');
    const after = await t.app.request('/api/v1/records?department=LATE&overdue=true', { headers: reviewer.auth });
    expect(((await after.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual([rec.id]);
    t.clock.now = new Date('2025-09-30T10:00:00Z');
  });

  it('feeds changes of my records by cursor', async () => {
    const first = await t.app.request('/api/v1/changes', { headers: agent2.auth });
    const start = (await first.json()) as { nextCursor: string; items: unknown[] };
    const rec = await create({}, agent2);
    const feed = await t.app.request(`/api/v1/changes?cursor=${start.nextCursor}`, { headers: agent2.auth });
    const page = (await feed.json()) as { items: Array<{ recordId: string; status: string }>; nextCursor: string };
    expect(page.items.map((i) => i.recordId)).toEqual([rec.id]);
    await t.app.request(`/api/v1/records/${rec.id}/transitions`, json('POST', { type: 'mark_invalid', reason: '虚假信息' }, reviewer.auth));
    const next = await t.app.request(`/api/v1/changes?cursor=${page.nextCursor}`, { headers: agent2.auth });
    const changed = (await next.json()) as { items: Array<{ recordId: string; status: string }> };
    expect(changed.items).toEqual([expect.objectContaining({ recordId: rec.id, status: 'closed' })]);
    const foreign = await t.app.request('/api/v1/changes?scope=all', { headers: agent2.auth });
    expect(foreign.status).toBe(403);
  });

  it('starts the feed at its current end with cursor=now, so a console skips the history', async () => {
    const before = await create({}, agent2);
    const head = await t.app.request('/api/v1/changes?cursor=now&scope=all', { headers: reviewer.auth });
    expect(head.status).toBe(200);
    const start = (await head.json()) as { items: unknown[]; nextCursor: string; hasMore: boolean };
    expect(start).toMatchObject({ items: [], hasMore: false });
    const after = await create({}, agent2);
    const feed = await t.app.request(`/api/v1/changes?cursor=${start.nextCursor}&scope=all`, { headers: reviewer.auth });
    const ids = ((await feed.json()) as { items: Array<{ recordId: string }> }).items.map((i) => i.recordId);
    expect(ids).toContain(after.id);
    expect(ids).not.toContain(before.id);
  });

  it('lists customer type and nature on each row', async () => {
    const rec = await create({ department: 'ROWS', customerType: 'high_value' });
    await t.app.request(`/api/v1/records/${rec.id}/transitions`, json('POST', { type: 'mark_valid', nature: 'service_improvement', urgency: 'routine' }, reviewer.auth));
    const res = await t.app.request('/api/v1/records?department=ROWS', { headers: reviewer.auth });
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([expect.objectContaining({ id: rec.id, customerType: 'high_value', nature: 'service_improvement' })]);
  });

  it('returns 404 problem for unknown records', async () => {
    const res = await t.app.request('/api/v1/records/0190a3c4-0000-7000-8000-000000000000', { headers: reviewer.auth });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found');
  });
});
