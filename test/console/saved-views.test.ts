// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';
import { staff, testApp } from '../server/support/app';
import { createApiClient } from '../../console/api/client';
import { SavedViews, viewQuery } from '../../console/models/saved-views';
import { parseQueueSearch, queueSearch } from '../../console/models/queue-url';
import { LedgerExport } from '../../console/models/ledger-export';
import { recordInput } from '../server/support/fixtures';

/* Saved views and the queue's address, over the real app (PGlite in memory), as the console uses them. */

describe('saved views in the console', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;

  const client = (who: { auth: Record<string, string> }) =>
    createApiClient({
      baseUrl: 'http://console.test',
      fetch: ((url: string, init: RequestInit = {}) => app.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...who.auth } })) as typeof fetch,
    });

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    ({ app } = testApp(database));
    reviewer = await staff(database, 'reviewer', 'PM', 'Reviewer');
    agent = await staff(database, 'agent', 'CS', 'Agent');
  });
  afterAll(() => database?.close());

  it('writes the queue into its address and reads the same state back (a link reopens it)', () => {
    const address = { filters: { status: 'in_progress', dueSoon: 'true', sort: 'next_due_asc' }, search: ' 导出 & report ', viewId: '0199a0b0-0000-7000-8000-000000000001' } as const;
    const search = queueSearch(address);
    expect(search).toBe('?status=in_progress&dueSoon=true&sort=next_due_asc&q=%E5%AF%BC%E5%87%BA+%26+report&view=0199a0b0-0000-7000-8000-000000000001');
    expect(parseQueueSearch(search)).toEqual({ ...address, search: '导出 & report' });
    expect(parseQueueSearch('?evil=1&cursor=x')).toEqual({ filters: {}, search: '', viewId: null });
    expect(queueSearch({ filters: {}, search: '', viewId: null })).toBe('');
  });

  it('saves, lists shared before personal, renames and deletes; agents may not share', async () => {
    using team = new SavedViews(client(reviewer), { id: reviewer.user.id, role: 'reviewer' });
    const shared = await team.save('Team breached', true, viewQuery({ overdue: 'true', status: undefined }, ''));
    expect(shared).toMatchObject({ shared: true, query: { overdue: 'true' } });
    expect(team.activeId.value).toBe(shared!.id);

    using mine = new SavedViews(client(agent), { id: agent.user.id, role: 'agent' });
    // Asking to share as an agent saves a personal view (the model follows the rule the server applies).
    const personal = await mine.save('My urgent', true, viewQuery({ urgency: 'urgent' }, '导出'));
    expect(personal).toMatchObject({ shared: false, query: { urgency: 'urgent', q: '导出' } });
    expect(mine.items.value.map((v) => v.name)).toEqual(['Team breached', 'My urgent']);
    expect(mine.editable(mine.items.value[0]!)).toBe(false);
    expect(mine.editable(mine.items.value[1]!)).toBe(true);

    await mine.rename(personal!, 'My urgent exports');
    expect(mine.personal.value.map((v) => v.name)).toEqual(['My urgent exports']);
    // A stale version is refused and said so; the list is unchanged.
    expect(await mine.rename(personal!, 'Stale')).toBeNull();
    expect(mine.error.value).toBe('version_conflict');
    await mine.remove(mine.personal.value[0]!);
    expect(mine.items.value.map((v) => v.name)).toEqual(['Team breached']);
  });

  it('exports a hand-picked selection through a POST body', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/api/v1/records', { method: 'POST', headers: { ...reviewer.auth, 'content-type': 'application/json' }, body: JSON.stringify(recordInput({ department: 'PICK' })) });
      created.push(((await res.json()) as { record: { id: string; recordNumber: string } }).record);
    }
    let saved: { file: Blob; name: string } | undefined;
    using exporter = new LedgerExport(
      ((url: string, init: RequestInit = {}) => app.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...reviewer.auth } })) as typeof fetch,
      (file, name) => (saved = { file, name }),
    );
    await exporter.run('csv', { ids: [created[2]!.id, created[0]!.id] }, 'en');
    expect(exporter.status.value.state).toBe('done');
    const lines = (await saved!.file.text()).trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([created[0]!.recordNumber, created[2]!.recordNumber]);
  });
});
