import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import type { BulkResponse } from '../../shared/schemas/bulk';
import type { RecordInput } from '../../shared/schemas/record';

/*
 * POST /api/v1/bulk/records: assign and workflow transitions on a selection or on a whole filtered
 * set, 100 records a request, each record answered on its own with the single route's checks.
 */
describe.each(TEST_STORES)('bulk record actions on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let owner: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    agent = await staff(database, 'agent', 'CS', '李客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    owner = await staff(database, 'reviewer', 'PM', '王工');
  });
  afterAll(async () => {
    await database.close();
  });

  /** Store `inputs` through the batch route, 100 at a time. */
  const seed = async (inputs: RecordInput[], who = agent) => {
    for (let i = 0; i < inputs.length; i += 100) {
      const res = await t.app.request('/api/v1/records/batch', json('POST', { items: inputs.slice(i, i + 100) }, who.auth));
      expect(res.status).toBe(200);
    }
    return inputs.map((r) => r.id);
  };
  const bulk = (body: unknown, who = reviewer) => t.app.request('/api/v1/bulk/records', json('POST', body, who.auth));
  const listIds = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.request(`/api/v1/records?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: reviewer.auth });
      const page = (await res.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort();
  };

  it('assigns the whole filtered set chunk by chunk, with the total first, and nothing outside it', async () => {
    const wanted = await seed(Array.from({ length: 130 }, () => recordInput({ department: 'BULKA', category: 'feature_request' })));
    const others = await seed(Array.from({ length: 5 }, () => recordInput({ department: 'BULKA', category: 'other' })));
    const filter = { department: 'BULKA', category: 'feature_request', owner: 'none' };
    const action = { type: 'assign', ownerId: owner.user.id };
    const count = await t.app.request('/api/v1/bulk/records/count?department=BULKA&category=feature_request&owner=none', { headers: reviewer.auth });
    expect(await count.json()).toEqual({ total: 130 });

    const first = await bulk({ action, filter });
    expect(first.status).toBe(200);
    const a = (await first.json()) as BulkResponse;
    expect(a.total).toBe(130);
    expect(a.results).toHaveLength(100);
    expect(a.results.every((r) => r.status === 'ok' && /^BULKA-/.test(r.recordNumber ?? ''))).toBe(true);
    expect(a.nextCursor).toEqual(expect.any(String));

    // The assigned records left the filter (owner=none), yet the cursor goes on to the rest, not past it.
    const second = (await (await bulk({ action, filter, cursor: a.nextCursor })).json()) as BulkResponse;
    expect(second.total).toBeUndefined();
    expect(second.results).toHaveLength(30);
    expect(second.nextCursor).toBeNull();

    expect(await listIds(`owner=${owner.user.id}`)).toEqual([...wanted].sort());
    expect(await listIds('department=BULKA&owner=none')).toEqual([...others].sort());
    const detail = (await (await t.app.request(`/api/v1/records/${wanted[0]}`, { headers: reviewer.auth })).json()) as {
      record: { owner: { id: string; name: string }; version: number };
      audit: Array<{ action: string; actor: { id: string } }>;
    };
    expect(detail.record.owner).toEqual({ id: owner.user.id, name: '王工' });
    expect(detail.audit.at(-1)).toMatchObject({ action: 'assign', actor: { id: reviewer.user.id } });
  });

  it('applies workflow guards per record and answers each: done, refused with code and guard, not found', async () => {
    const [open, closed, bare] = await seed([
      recordInput({ department: 'BULKB' }),
      recordInput({ department: 'BULKB' }),
      recordInput({ department: 'BULKB' }),
    ]);
    const invalid = await t.app.request(`/api/v1/records/${closed}/transitions`, json('POST', { type: 'mark_invalid', reason: 'spam' }, reviewer.auth));
    expect(invalid.status).toBe(200);
    const patched = await t.app.request(`/api/v1/records/${open}`, json('PATCH', { nature: 'feature_optimisation', urgency: 'routine' }, { ...reviewer.auth, 'if-match': '"1"' }));
    expect(patched.status).toBe(200);
    const missing = '0199a000-0000-7000-8000-000000000000';

    const res = await bulk({ action: { type: 'transition', transition: { type: 'mark_valid' } }, ids: [open, closed, bare, missing] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkResponse;
    expect(body.nextCursor).toBeNull();
    expect(body.results.map(({ id, status, code, guard }) => ({ id, status, code, guard }))).toEqual([
      { id: open, status: 'ok', code: undefined, guard: undefined },
      { id: closed, status: 'refused', code: 'invalid_transition', guard: 'transition_not_allowed' },
      { id: bare, status: 'refused', code: 'guard_failed', guard: 'nature_and_urgency_required' },
      { id: missing, status: 'refused', code: 'not_found', guard: undefined },
    ]);
    const validity = async (id: string) =>
      ((await (await t.app.request(`/api/v1/records/${id}`, { headers: reviewer.auth })).json()) as { record: { validity: string } }).record.validity;
    expect(await validity(open!)).toBe('valid');
    // The queue's deadline column: the response due on the company calendar, in working days from now.
    const list = (await (await t.app.request('/api/v1/records?department=BULKB&validity=valid', { headers: reviewer.auth })).json()) as {
      items: Array<{ nextObligation: { kind: string; timeLeft: { standing: string; workingDays: number } } | null }>;
    };
    expect(list.items[0]?.nextObligation).toMatchObject({ kind: 'response', timeLeft: { standing: 'on_track', workingDays: 5 } });
    expect(await validity(bare!)).toBe('unscreened');
  });

  it('refuses what the role may not do: agents cannot assign, and reviewer-only transitions are refused per record', async () => {
    const [mine] = await seed([recordInput({ department: 'BULKC' })]);
    const assign = await bulk({ action: { type: 'assign', ownerId: agent.user.id }, ids: [mine] }, agent);
    expect(assign.status).toBe(403);
    expect(assign.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await assign.json()) as { code: string }).code).toBe('forbidden');

    const [theirs] = await seed([recordInput({ department: 'BULKC' })], reviewer);
    const res = await bulk({ action: { type: 'transition', transition: { type: 'mark_invalid', reason: 'spam' } }, ids: [mine, theirs] }, agent);
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkResponse;
    expect(body.results.map((r) => [r.status, r.code])).toEqual([
      ['refused', 'forbidden'],
      ['refused', 'forbidden'],
    ]);
    expect(await listIds('department=BULKC&status=closed')).toEqual([]);
  });

  it('answers bad input with problem+json and field paths', async () => {
    const both = await bulk({ action: { type: 'assign', ownerId: null }, ids: ['0199a000-0000-7000-8000-000000000000'], filter: {} });
    expect(both.status).toBe(400);
    const problem = (await both.json()) as { code: string; errors: Array<{ path: unknown[]; code: string }> };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: ['ids'], code: 'one_target_required' }));

    const badFilter = (await (await bulk({ action: { type: 'assign', ownerId: null }, filter: { status: 'nope' } })).json()) as { errors: Array<{ path: unknown[] }> };
    expect(badFilter.errors[0]?.path.slice(0, 2)).toEqual(['filter', 'status']);

    const unknownOwner = await bulk({ action: { type: 'assign', ownerId: '0199a000-0000-7000-8000-000000000000' }, filter: { department: 'NONE' } });
    expect(unknownOwner.status).toBe(400);
    expect(((await unknownOwner.json()) as { errors: Array<{ path: unknown[] }> }).errors[0]?.path).toEqual(['action', 'ownerId']);
  });

  it('lists active staff for the owner picker to reviewers, without e-mail addresses, and not to agents', async () => {
    expect((await t.app.request('/api/v1/assignees', { headers: agent.auth })).status).toBe(403);
    const res = await t.app.request('/api/v1/assignees', { headers: reviewer.auth });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<Record<string, unknown>> };
    expect(items.map((u) => u.name)).toEqual(expect.arrayContaining(['王工', '张经理', '李客服']));
    expect(items.every((u) => !('email' in u))).toBe(true);
  });
});
