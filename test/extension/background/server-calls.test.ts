// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../../server/db/open';
import { staff, testApp, json } from '../../server/support/app';
import { recordInput } from '../../server/support/fixtures';
import { findSimilar } from '../../../extension/background/similar';
import { mergeAdapters, refreshAdapters } from '../../../extension/background/adapters';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { fetchIdentity, uploadAttachment, type ApiTarget } from '../../../extension/background/server-api';
import { TINY_PNG } from '../support/fake-browser';
import type { AdapterCache } from '../../../extension/storage/items';

let database: Database;
let target: ApiTarget;
let existing: { id: string; recordNumber: string };
let sameCustomer: { id: string; recordNumber: string };

beforeAll(async () => {
  database = await openDatabase({ memory: true });
  const { app } = testApp(database, { now: new Date() });
  const agent = await staff(database, 'agent', 'CS', '李客服');
  target = { serverUrl: 'http://echobox.test', token: agent.token, fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init)) as typeof fetch };
  const create = async (input: ReturnType<typeof recordInput>) => {
    const res = await app.request('/api/v1/records', json('POST', input, agent.auth));
    const body = (await res.json()) as { record: { id: string; recordNumber: string } };
    return { id: body.record.id, recordNumber: body.record.recordNumber };
  };
  existing = await create(recordInput({ id: uuidv7(), customerName: '*先生', notes: '工单:Zendesk #48213 https://acme.zendesk.com/agent/tickets/48213' }));
  sameCustomer = await create(recordInput({ id: uuidv7(), customerName: '华东贸易有限公司', problem: '发票抬头无法修改，客户多次提及问题未解决', scenario: '发票页面' }));
  await create(recordInput({ id: uuidv7(), customerName: '北方物流', problem: '希望支持自定义主题颜色', scenario: '设置页面' }));
});
afterAll(() => database.close());

describe('similar records (server search, ranked on the device)', () => {
  it('finds the record of the same ticket, the same customer and a similar text, best first', async () => {
    const result = await findSimilar(target, { ticketId: '48213', customerName: '华东贸易有限公司', text: '导出报表时点击导出按钮没有反应' });
    if (!result.ok) throw new Error(result.error.detail);
    const ids = result.value.map((s) => s.record.id);
    expect(ids[0]).toBe(existing.id);
    expect(result.value[0]?.reasons).toEqual(expect.arrayContaining(['same_ticket', 'similar_text']));
    expect(ids).toContain(sameCustomer.id);
    expect(result.value.find((s) => s.record.id === sameCustomer.id)?.reasons).toContain('same_customer');
    expect(result.value.some((s) => s.record.problem.includes('主题颜色'))).toBe(false);
  });

  it('does not search for a masked person (it says nothing about who it is)', async () => {
    const result = await findSimilar(target, { customerName: '*先生' });
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('reports an unreachable server as a network failure worth retrying', async () => {
    const down = { ...target, fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch };
    const result = await findSimilar(down, { text: '导出报表没有反应' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'network', code: 'network_error', retry: true });
  });
});

describe('the connection check (GET /auth/me through the app)', () => {
  it('answers who the token belongs to, and a revoked token as a final unauthenticated', async () => {
    const me = await fetchIdentity(target, new Date('2026-11-29T08:00:00Z'));
    expect(me).toMatchObject({ ok: true, value: { name: '李客服', role: 'agent', checkedAt: '2026-11-29T08:00:00.000Z' } });
    const wrong = await fetchIdentity({ ...target, token: 'ebx_st_not-a-token' });
    expect(!wrong.ok && wrong.error).toMatchObject({ kind: 'problem', status: 401, code: 'unauthenticated', retry: false });
  });

  it('connects to a server from before the company time zone joined the answer', async () => {
    // Extensions and servers are updated apart: an older server answers /auth/me without `timeZone`.
    const older = {
      ...target,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const answer = await target.fetch!(input, init);
        const { timeZone: _zone, ...body } = (await answer.json()) as Record<string, unknown>;
        return new Response(JSON.stringify(body), { status: answer.status, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    };
    expect(await fetchIdentity(older, new Date('2026-11-29T08:00:00Z'))).toMatchObject({ ok: true, value: { name: '李客服', role: 'agent' } });
  });

  it('takes a page that is not the API (a wrong address) as transient, and a 5xx with its Retry-After too', async () => {
    const page = { ...target, fetch: (async () => new Response('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } })) as typeof fetch };
    expect(await fetchIdentity(page)).toEqual({ ok: false, error: { kind: 'http', status: 404, code: 'internal', detail: 'HTTP 404', retry: true } });
    const busy = { ...target, fetch: (async () => new Response('', { status: 503, headers: { 'retry-after': '120' } })) as typeof fetch };
    expect(await fetchIdentity(busy)).toEqual({ ok: false, error: { kind: 'http', status: 503, code: 'internal', detail: 'HTTP 503', retry: true, retryAfterMs: 120_000 } });
    // A 304 only answers a conditional request; anywhere else it is not the API talking.
    const notModified = { ...target, fetch: (async () => new Response(null, { status: 304 })) as typeof fetch };
    expect(await fetchIdentity(notModified)).toEqual({ ok: false, error: { kind: 'http', status: 304, code: 'internal', detail: 'HTTP 304', retry: true } });
  });
});

describe('adapter definitions from the server', () => {
  it('fetches the catalog, caches it with its ETag, and revalidates with If-None-Match', async () => {
    let cache: AdapterCache | null = null;
    const store = { get: async () => cache, set: async (v: AdapterCache) => void (cache = v) };
    const first = await refreshAdapters(target, store);
    expect(first.ok && first.value.changed).toBe(true);
    expect(cache!.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(cache!.catalog.adapters.map((a) => a.id)).toEqual(BUILTIN_ADAPTERS.map((a) => a.id));
    const again = await refreshAdapters(target, store);
    expect(again.ok && again.value.changed).toBe(false);
  });

  it('lets a served definition replace the built-in one with the same id', () => {
    const zendesk = BUILTIN_ADAPTERS[0]!;
    const served = { ...zendesk, version: zendesk.version + 1 };
    const merged = mergeAdapters(BUILTIN_ADAPTERS, { catalog: { version: 'x', adapters: [served] }, etag: null, fetchedAt: '' });
    expect(merged.filter((a) => a.id === zendesk.id)).toEqual([served]);
    expect(merged).toHaveLength(BUILTIN_ADAPTERS.length);
  });

  it('puts the agent’s own taught definitions first, over the served and built-in ones with their id', () => {
    const zendesk = BUILTIN_ADAPTERS[0]!;
    const served = { ...zendesk, version: zendesk.version + 1 };
    const taught = [{ ...zendesk, version: 50 }, { ...zendesk, id: 'taught-desk-acme-example' }];
    const merged = mergeAdapters(BUILTIN_ADAPTERS, { catalog: { version: 'x', adapters: [served] }, etag: null, fetchedAt: '' }, taught);
    expect(merged.slice(0, 2)).toEqual(taught);
    expect(merged.filter((a) => a.id === zendesk.id)).toEqual([taught[0]]);
    expect(merged).toHaveLength(BUILTIN_ADAPTERS.length + 1);
  });
});

describe('attachment upload (POST /attachments through the app)', () => {
  it('reads the stored digest with the shared schema, and takes an answer off it as malformed', async () => {
    const png = new Blob([Buffer.from(TINY_PNG.split(',')[1]!, 'base64')], { type: 'image/png' });
    const stored = await uploadAttachment(target, png);
    expect(stored.ok && stored.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A digest that is not one (a proxy's or an older server's answer) is not passed on as a key.
    const answering = (body: unknown) => ({ ...target, fetch: (async () => new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } })) as typeof fetch });
    const odd = await uploadAttachment(answering({ sha256: 'not-a-digest', mimeType: 'image/png', size: 1 }), png);
    expect(!odd.ok && odd.error).toMatchObject({ kind: 'malformed', code: 'internal', retry: true });
  });
});
