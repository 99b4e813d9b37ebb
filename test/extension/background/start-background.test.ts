// @vitest-environment node
import '../support/fake-browser';
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../../server/db/open';
import { staff, testApp } from '../../server/support/app';
import { openOutbox, type Outbox, type OutboxEntry } from '../../../shared/sync';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { ALARMS, COMMAND_CLIP, MENU_CLIP_SELECTION, startBackground, type Background, type BrowserApi } from '../../../extension/background/start-background';
import { send, type RuntimeLike } from '../../../extension/messaging/messenger';
import type { DraftPayload } from '../../../extension/records/draft';
import { toRecordInput } from '../../../extension/records/record-input';
import { activeDraftItem, failedClipsItem, identityItem, optionsItem } from '../../../extension/storage/items';
import { targetTab } from '../../../extension/background/clip';
import { recordInput } from '../../server/support/fixtures';
import { CONFIGURED, ZENDESK_CAPTURE } from '../support/fixtures';
import { extensionFakes } from '../support/fake-browser';
import type { RecordInput } from '../../../shared/schemas/record';

let TAB: { id: number; windowId: number; url: string };

let database: Database;
let outbox: Outbox;
let background: Background | undefined;
let fakes: ReturnType<typeof extensionFakes>;
let serverUp = true;
let requests: string[] = [];

/** The real API over PGlite; `serverUp = false` makes every request fail like a dead network. */
async function setup(role: 'agent' | 'admin' = 'agent') {
  fakes = extensionFakes(ZENDESK_CAPTURE);
  const created = await fakes.browser.tabs.create({ url: ZENDESK_CAPTURE.clip.page.url, active: true });
  TAB = { id: created.id!, windowId: created.windowId ?? 1, url: ZENDESK_CAPTURE.clip.page.url };
  const { app } = testApp(database, { now: new Date() });
  const agent = await staff(database, role, 'CS', '李客服');
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
    if (!serverUp) throw new TypeError('Failed to fetch');
    return app.request(String(input), init);
  }) as typeof fetch;
  await optionsItem.setValue({ ...CONFIGURED, token: agent.token });
  outbox = await openOutbox(`ext-${uuidv7()}`);
  background = startBackground({ browser: fakes.browser as unknown as BrowserApi, outbox, builtinAdapters: BUILTIN_ADAPTERS, fetch: fetchFn, locks: null });
  return agent;
}

const runtime = () => fakes.browser.runtime as unknown as RuntimeLike;
const badge = () => fakes.browser.action.getBadgeText({});

async function queueFromDraft(draftId: string): Promise<OutboxEntry<RecordInput>> {
  const entry = (await outbox.get(draftId)) as OutboxEntry<DraftPayload>;
  const built = toRecordInput(draftId, entry.payload, { ...CONFIGURED }, null, new Date());
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return (await outbox.requeue(draftId, built.value)) as OutboxEntry<RecordInput>;
}

beforeAll(async () => {
  database = await openDatabase({ memory: true });
});
afterAll(async () => {
  await database.close();
});
beforeEach(() => {
  serverUp = true;
  requests = [];
});
afterEach(async () => {
  await background?.stop();
  background = undefined;
  outbox?.close();
});

describe('background: clipping', () => {
  it('the toolbar button clips the tab into a draft with its screenshot, stored in IndexedDB, and opens the panel', async () => {
    await setup();
    await fakes.browser.action.onClicked.trigger(TAB as never, undefined as never);
    await expect.poll(() => activeDraftItem.getValue()).not.toBeNull();
    const draftId = (await activeDraftItem.getValue())!;
    const entry = (await outbox.get(draftId)) as OutboxEntry<DraftPayload>;
    expect(entry.state).toBe('draft');
    expect(entry.payload.clip.ticket?.ticketId).toBe('48213');
    expect(entry.payload.form.problem).toBe(ZENDESK_CAPTURE.clip.page.selection);
    expect(entry.payload.form.category).toBe('product_defect');
    expect(entry.payload.form.notes).toContain('#48213');
    const shot = entry.payload.clip.screenshot!;
    expect(shot.mimeType).toBe('image/png');
    expect(shot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.blobKeys).toEqual([shot.id]);
    expect((await outbox.getBlob(shot.id))?.size).toBe(shot.size);
    expect(fakes.captureVisibleTab).toHaveBeenCalledWith(TAB.windowId, { format: 'png' });
    expect(fakes.sidePanel.open).toHaveBeenCalledWith({ tabId: TAB.id });
    // The page script got the adapters before it ran.
    expect((fakes.injected[0] as { adapters: unknown[] }).adapters.length).toBe(BUILTIN_ADAPTERS.length);
  });

  it('a clip whose tab went to the back before the screenshot keeps the page, with no screenshot and the reason', async () => {
    await setup();
    fakes.bringToFront(undefined);
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    if (!reply.ok) throw new Error(reply.error.detail);
    expect(reply.value.screenshot).toBe(false);
    const entry = (await outbox.get(reply.value.draftId)) as OutboxEntry<DraftPayload>;
    expect(entry.payload.clip.ticket?.ticketId).toBe('48213');
    expect(entry.payload.clip.screenshot).toBeUndefined();
    expect(entry.payload.screenshotMissing).toBe('tab_hidden');
    expect(entry.blobKeys).toEqual([]);
    // Whatever tab was in front instead was never captured.
    expect(fakes.captureVisibleTab).not.toHaveBeenCalled();
  });

  it('the context-menu entry hands the selected text to the capture; the shortcut clips too', async () => {
    await setup();
    await background!.idle();
    await fakes.contextMenus.onClicked.trigger({ menuItemId: MENU_CLIP_SELECTION, selectionText: '客户说导出按钮没反应' }, TAB);
    await expect.poll(() => fakes.injected.length).toBe(1);
    expect((fakes.injected[0] as { selection?: string }).selection).toBe('客户说导出按钮没反应');
    await fakes.commands.onCommand.trigger(COMMAND_CLIP, TAB);
    await expect.poll(() => fakes.injected.length).toBe(2);
    await expect.poll(async () => (await outbox.list({ state: 'draft' })).length).toBe(2);
  });

  it('a toolbar press right after a load, refused once ("Cannot access contents of the page"), retries and ends in a draft', async () => {
    await setup();
    // The race made deterministic: the first injection after the click is refused, as Chrome does while the grant settles.
    fakes.scripting.executeScript.mockRejectedValueOnce(new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'));
    await fakes.browser.action.onClicked.trigger(TAB as never, undefined as never);
    await background!.idle();
    const draftId = await activeDraftItem.getValue();
    expect(draftId).not.toBeNull();
    const entry = (await outbox.get(draftId!)) as OutboxEntry<DraftPayload>;
    expect(entry.payload.clip.ticket?.ticketId).toBe('48213');
    expect(await badge()).not.toBe('!');
  });

  it('a toolbar press, shortcut or menu clip that cannot capture the page ends in a notice on the button, never in silence', async () => {
    await setup();
    fakes.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page.'));
    await fakes.browser.action.onClicked.trigger(TAB as never, undefined as never);
    await background!.idle();
    expect(await outbox.count()).toBe(0);
    expect(await badge()).toBe('!');
    expect(await fakes.browser.action.getTitle({})).toContain('无法摘录此页'); // the options' locale, zh-CN by default
  });

  it('a failed toolbar, shortcut or menu clip is kept as a failed clip with its reason; retried on its tab it becomes a draft', async () => {
    await setup();
    fakes.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page.'));
    await fakes.contextMenus.onClicked.trigger({ menuItemId: MENU_CLIP_SELECTION, selectionText: '请回电 13812345678' }, TAB);
    await background!.idle();
    const [failed, ...others] = await failedClipsItem.getValue();
    expect(others).toEqual([]);
    expect(failed).toMatchObject({ trigger: 'context_menu', tabId: TAB.id, url: TAB.url, reason: 'permission', attempts: 1 });
    expect(failed!.detail).toContain('Cannot access contents');
    // The selection is kept for the retry, masked as a draft's is.
    expect(failed!.selection).toBe('请回电 138****5678');
    expect(await outbox.count()).toBe(0);

    // Once the page lets itself be read, the panel's retry clips the same tab and the failed clip leaves the list.
    fakes.scripting.executeScript.mockReset(); // back to the fake page's answer
    const reply = await send(runtime(), 'clip.retry', { id: failed!.id });
    expect(reply.ok).toBe(true);
    expect(await failedClipsItem.getValue()).toEqual([]);
    const entry = (await outbox.get(reply.ok ? reply.value.draftId : '')) as OutboxEntry<DraftPayload>;
    expect(entry.state).toBe('draft');
    expect(fakes.injected.at(-1)).toMatchObject({ selection: '请回电 138****5678' });
  });

  it('a failed clip whose tab went on to another page is not retried there, and stays listed until dismissed', async () => {
    await setup();
    fakes.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page.'));
    await fakes.browser.action.onClicked.trigger(TAB as never, undefined as never);
    await background!.idle();
    const [failed] = await failedClipsItem.getValue();
    await fakes.browser.tabs.update(TAB.id, { url: 'https://example.com/elsewhere' });
    const reply = await send(runtime(), 'clip.retry', { id: failed!.id });
    expect(!reply.ok && reply.error).toMatchObject({ kind: 'local', reason: 'no_tab' });
    expect(await failedClipsItem.getValue()).toHaveLength(1);
    expect(await badge()).toBe('!');
    expect(await send(runtime(), 'clip.dismiss', { id: failed!.id })).toEqual({ ok: true, value: { remaining: 0 } });
    expect(await failedClipsItem.getValue()).toEqual([]);
    expect(await badge()).toBe('');
  });

  it('a page the extension may not read is refused with the reason, and nothing is stored', async () => {
    await setup();
    fakes.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page.'));
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatchObject({ kind: 'local', reason: 'permission' });
    expect(await outbox.count()).toBe(0);
  });

  it('chrome:// and other non-web pages cannot be clipped', async () => {
    await setup();
    const settings = await fakes.browser.tabs.create({ url: 'chrome://settings', active: true });
    const reply = await send(runtime(), 'clip.capture', { tabId: settings.id!, trigger: 'panel' });
    expect(!reply.ok && reply.error).toMatchObject({ kind: 'local', reason: 'not_http' });
  });

  it('installs the context menu and the sync alarms', async () => {
    await setup();
    await fakes.browser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    expect(fakes.contextMenus.create).toHaveBeenCalledWith(expect.objectContaining({ id: MENU_CLIP_SELECTION, contexts: ['selection'] }));
    expect((await fakes.browser.alarms.get(ALARMS.sync))?.periodInMinutes).toBe(1);
    expect(await fakes.browser.alarms.get(ALARMS.adapters)).toBeDefined();
  });
});

describe('background: queue and sync', () => {
  it('keeps a record queued while the server is down (badge 1), backs off with an alarm, and syncs it once it is up', async () => {
    await setup();
    serverUp = false;
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    if (!reply.ok) throw new Error(reply.error.detail);
    await queueFromDraft(reply.value.draftId);
    const down = await send(runtime(), 'sync.now', {});
    expect(down.ok && down.value).toMatchObject({ synced: 0, unsynced: 1 });
    expect(await badge()).toBe('1');
    expect((await outbox.get(reply.value.draftId))?.state).toBe('queued');
    expect((await fakes.browser.alarms.get(ALARMS.retry))?.scheduledTime).toBeGreaterThan(Date.now() - 1);

    serverUp = true;
    // The retry alarm comes due (the entry's backoff is over): the screenshot goes first, then the record.
    const waiting = (await outbox.get(reply.value.draftId))!;
    await outbox.put({ ...waiting, nextAttemptAt: Date.now() });
    await fakes.browser.alarms.onAlarm.trigger({ name: ALARMS.retry, scheduledTime: Date.now() } as never);
    await background!.idle();
    expect((await outbox.get(reply.value.draftId))?.state).toBe('synced');
    const synced = (await outbox.get(reply.value.draftId))!;
    expect(synced.result?.recordNumber).toMatch(/^CS-\d{8}-001$/);
    await expect.poll(badge).toBe('');
    const upload = requests.lastIndexOf(`POST ${CONFIGURED.serverUrl}/api/v1/attachments`);
    const batch = requests.lastIndexOf(`POST ${CONFIGURED.serverUrl}/api/v1/records/batch`);
    expect(upload).toBeGreaterThanOrEqual(0);
    expect(upload).toBeLessThan(batch);
  });

  it('sends a record exactly once even when sync is asked for twice at the same time', async () => {
    const agent = await setup();
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    if (!reply.ok) throw new Error(reply.error.detail);
    await queueFromDraft(reply.value.draftId);
    await Promise.all([send(runtime(), 'sync.now', {}), send(runtime(), 'sync.now', {}), background!.sync.syncNow()]);
    const { app } = testApp(database);
    const list = (await (await app.request('/api/v1/records?limit=100', { headers: agent.auth })).json()) as { items: Array<{ id: string }> };
    expect(list.items.filter((i) => i.id === reply.value.draftId)).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith('POST') && r.endsWith('/records/batch')).length).toBe(1);
  });

  it('shows a record the server refuses as rejected with its reason, not counted as sent', async () => {
    await setup();
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    if (!reply.ok) throw new Error(reply.error.detail);
    const queued = await queueFromDraft(reply.value.draftId);
    // An old build let the department through in lower case; the server answers per item.
    await outbox.requeue(queued.id, { ...queued.payload, department: 'cs' });
    await send(runtime(), 'sync.now', {});
    const rejected = (await outbox.get(queued.id))!;
    expect(rejected.state).toBe('rejected');
    expect(rejected.error?.code).toBe('validation_failed');
    expect(rejected.error?.errors?.some((e) => e.path[0] === 'department')).toBe(true);
    expect(await badge()).toBe('1');
  });

  it('follows the changes feed: a synced record shows its current status', async () => {
    const agent = await setup();
    const reply = await send(runtime(), 'clip.capture', { tabId: TAB.id, trigger: 'panel' });
    if (!reply.ok) throw new Error(reply.error.detail);
    await queueFromDraft(reply.value.draftId);
    await send(runtime(), 'sync.now', {});
    const statuses = await outbox.getMeta<Record<string, { status: string; recordNumber: string }>>('statuses');
    expect(statuses?.[reply.value.draftId]?.status).toBe('pending_analysis');
    expect(agent.user.id).toBeDefined();
  });

  it('does nothing on the network until the options are complete', async () => {
    await setup();
    await optionsItem.setValue({ ...CONFIGURED, token: '' });
    requests = [];
    const reply = await send(runtime(), 'sync.now', {});
    expect(reply.ok && reply.value.sent).toBe(0);
    expect(requests).toEqual([]);
  });

  it('sends nothing to a remote http:// address stored before such addresses were refused', async () => {
    await setup();
    await optionsItem.setValue({ ...CONFIGURED, serverUrl: 'http://echobox.example.com' });
    requests = [];
    const reply = await send(runtime(), 'sync.now', {});
    expect(reply.ok && reply.value.sent).toBe(0);
    expect(requests).toEqual([]);
  });

  it('checks the connection and token, answering who the token belongs to', async () => {
    const agent = await setup();
    const good = await send(runtime(), 'connection.check', { serverUrl: CONFIGURED.serverUrl, token: agent.token });
    expect(good.ok && good.value.identity).toMatchObject({ name: '李客服', role: 'agent' });
    const bad = await send(runtime(), 'connection.check', { serverUrl: CONFIGURED.serverUrl, token: 'ebx_wrong' });
    expect(!bad.ok && bad.error.code).toBe('unauthenticated');
    serverUp = false;
    const down = await send(runtime(), 'connection.check', { serverUrl: CONFIGURED.serverUrl, token: agent.token });
    expect(!down.ok && down.error.code).toBe('network_error');
  });
});

describe('which tab a panel-started clip means', () => {
  const tabs = (list: Array<{ id: number; url?: string; active?: boolean; lastAccessed?: number }>) => ({
    query: async (q: { active?: boolean }) => (q.active ? list.filter((t) => t.active) : list),
  });

  it('the active tab, even when its address is hidden (no grant yet: the capture then asks for access)', async () => {
    expect(await targetTab(tabs([{ id: 1, active: true }, { id: 2, url: 'https://a.example.com/' }]), 'chrome-extension://abc/')).toEqual({ id: 1, active: true });
  });

  it('the last used web page when the panel itself is open in the active tab', async () => {
    const list = [
      { id: 1, url: 'chrome-extension://abc/sidepanel.html', active: true, lastAccessed: 30 },
      { id: 2, url: 'https://old.example.com/', lastAccessed: 10 },
      { id: 3, url: 'https://acme.zendesk.com/agent/tickets/1', lastAccessed: 20 },
    ];
    expect((await targetTab(tabs(list), 'chrome-extension://abc/'))?.id).toBe(3);
  });
});
