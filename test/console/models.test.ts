// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';
import { createRecords } from '../../server/store/create-records';
import { recordInput } from '../server/support/fixtures';
import { staff, testApp } from '../server/support/app';
import { createApiClient } from '../../console/api/client';
import { Queue, PAGE_SIZE } from '../../console/models/queue';
import { Session } from '../../console/models/session';
import { Preferences } from '../../console/models/preferences';
import { parseRoute } from '../../console/models/router';

/*
 * The console's models over the real app (PGlite in memory): the API client's fetch goes to
 * `app.request()` with a reviewer's bearer token, so every answer is parsed with the same schemas
 * the browser uses.
 */

describe('console models', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let auth: Record<string, string>;

  const client = () =>
    createApiClient({
      baseUrl: 'http://console.test',
      fetch: ((url: string, init: RequestInit = {}) =>
        app.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...auth } })) as typeof fetch,
    });
  const seed = async (n: number, department: string, start = Date.parse('2025-09-29T01:00:00Z')) => {
    for (let i = 0; i < n; i++) {
      const input = recordInput({ department, recordedAt: new Date(start + i * 60_000).toISOString(), problem: `Problem ${department} ${i}` });
      await createRecords(database.db, [{ input }], { now: new Date(input.recordedAt), timeZone: 'Asia/Shanghai', author: { id: null, label: 'seed' }, createdBy: null });
    }
  };

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    ({ app } = testApp(database));
    auth = (await staff(database, 'reviewer')).auth;
    await seed(PAGE_SIZE + 20, 'QA');
  });
  afterAll(() => database?.close());

  it('loads the first page, pages on when j moves near the end, and keeps the selection by id', async () => {
    using queue = new Queue(client(), { pollMs: 0, scope: 'all' });
    queue.setFilter('status', 'pending_analysis');
    await queue.load();
    expect(queue.rows.value).toHaveLength(PAGE_SIZE);
    expect(queue.nextCursor.value).not.toBeNull();
    expect(queue.selectedId.value).toBe(queue.rows.value[0]!.id);
    queue.move(PAGE_SIZE - 5);
    await expect.poll(() => queue.rows.value.length).toBe(PAGE_SIZE + 20);
    expect(queue.nextCursor.value).toBeNull();
    expect(queue.selectedIndex.value).toBe(PAGE_SIZE - 5);
    queue.move(1_000);
    expect(queue.selectedIndex.value).toBe(PAGE_SIZE + 19);
    queue.move(-1_000);
    expect(queue.selectedIndex.value).toBe(0);
  });

  it('searches and filters through the API, and says when nothing matches', async () => {
    using queue = new Queue(client(), { pollMs: 0, scope: 'all' });
    queue.setSearch('Problem QA 7');
    await expect.poll(() => queue.loading.value).toBe(false);
    expect(queue.rows.value.map((r) => r.problem)).toContain('Problem QA 7');
    queue.setFilter('urgency', 'urgent');
    await expect.poll(() => queue.loading.value).toBe(false);
    expect(queue.rows.value).toEqual([]);
    expect(queue.activeFilters.value).toBe(2);
    queue.clearFilters();
    await expect.poll(() => queue.rows.value.length).toBe(PAGE_SIZE);
  });

  it('puts records created after the start on top, updates changed rows in place, and keeps the selection', async () => {
    using queue = new Queue(client(), { pollMs: 0, scope: 'all' });
    queue.setFilter('department', 'LIVE');
    await seed(3, 'LIVE');
    await queue.load();
    await queue.poll(); // takes the feed's current end
    queue.move(1);
    const selected = queue.selectedId.value;
    const before = queue.rows.value.map((r) => r.id);
    await seed(2, 'LIVE', Date.parse('2025-09-30T01:00:00Z'));
    const changed = before[2]!;
    const res = await app.request(`/api/v1/records/${changed}/transitions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'mark_invalid', reason: '重复提交' }),
    });
    expect(res.status).toBe(200);
    await queue.poll();
    expect(queue.rows.value).toHaveLength(5);
    expect(queue.rows.value.slice(2).map((r) => r.id)).toEqual(before);
    expect(queue.prepended.value.count).toBe(2);
    expect(queue.selectedId.value).toBe(selected);
    expect(queue.rows.value.find((r) => r.id === changed)?.status).toBe('closed');
  });

  it('holds the person at the password page when the server requires a password change, and signs out on 401', async () => {
    const answers: Response[] = [];
    const problem = (status: number, code: string) =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail: 'x' }), { status, headers: { 'content-type': 'application/problem+json' } });
    const api = createApiClient({
      baseUrl: 'http://console.test',
      fetch: (async (url: string, init?: RequestInit) => answers.shift() ?? app.request(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth } })) as typeof fetch,
    });
    using session = new Session(api);
    await session.load();
    expect(session.state.value).toBe('signed_in');
    answers.push(problem(403, 'password_change_required'));
    await api.records({});
    expect(session.state.value).toBe('password_change_required');
    answers.push(problem(401, 'unauthenticated'));
    await api.tokens();
    expect(session.state.value).toBe('signed_out');
    expect(session.user.value).toBeNull();
  });

  it("takes over the boot script's early session and first-page answers once each, asks again after a failed one, and drops them on a write", async () => {
    const asked: string[] = [];
    const viaApp = (async (url: string, init?: RequestInit) => {
      asked.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}${new URL(url).search}`);
      return app.request(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth } });
    }) as typeof fetch;
    const first = `/api/v1/records?limit=${PAGE_SIZE}`;
    const early = async (path: string) => app.request(`http://console.test${path}`, { headers: { accept: 'application/json', ...auth } });
    const api = createApiClient({ baseUrl: 'http://console.test', fetch: viaApp, early: { '/api/v1/auth/me': early('/api/v1/auth/me'), [first]: early(first) } });
    using queue = new Queue(api, { pollMs: 0, scope: 'all' });
    using session = new Session(api);
    await session.load();
    await queue.load();
    expect(session.state.value).toBe('signed_in');
    expect(queue.rows.value).toHaveLength(PAGE_SIZE);
    expect(asked).toEqual([]);
    await queue.load();
    expect(asked).toEqual([`GET ${first}`]);

    // A failed early answer (the session had ended) is asked again; a write drops what is left.
    const unauthorised = Promise.resolve(new Response('{"code":"unauthenticated"}', { status: 401 }));
    const later = createApiClient({ baseUrl: 'http://console.test', fetch: viaApp, early: { '/api/v1/auth/me': unauthorised, [first]: early(first) } });
    asked.length = 0;
    expect((await later.me()).ok).toBe(true);
    await later.signOut();
    expect((await later.records({ limit: String(PAGE_SIZE) })).ok).toBe(true);
    expect(asked).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', `GET ${first}`]);
  });

  it('remembers language and theme, and follows the browser until one is chosen', () => {
    const stored = new Map<string, string>();
    const store = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    using first = new Preferences(store, ['en-GB', 'zh-CN'], true);
    expect(first.locale.value).toBe('en');
    expect(first.dark.value).toBe(true);
    first.setLocale('zh-CN');
    first.setTheme('light');
    expect(first.dark.value).toBe(false);
    using second = new Preferences(store, ['en-US'], true);
    expect(second.locale.value).toBe('zh-CN');
    expect(second.theme.value).toBe('light');
    using junk = new Preferences({ getItem: () => 'fr', setItem: () => {} }, ['de'], false);
    expect(junk.locale.value).toBe('zh-CN');
    expect(junk.theme.value).toBe('system');
  });

  it('reads console paths as pages', () => {
    expect(parseRoute('/')).toEqual({ page: 'queue' });
    expect(parseRoute('/account')).toEqual({ page: 'account' });
    expect(parseRoute('/records/CS-20250929-001')).toEqual({ page: 'record', id: 'CS-20250929-001' });
    expect(parseRoute('/records/a/b')).toEqual({ page: 'not_found' });
  });
});
