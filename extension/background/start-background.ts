import type { browser as wxtBrowser } from 'wxt/browser';
import type { AdapterDefinition } from '../../shared/schemas/adapter';
import type { LockManagerLike, Outbox } from '../../shared/sync';
import { localFailure } from '../../shared/sync/request';
import { t } from '../i18n/t';
import { listen, reply, type RuntimeLike } from '../messaging/messenger';
import type { ClipTrigger } from '../messaging/protocol';
import { isConfigured, type ExtensionOptions } from '../storage/extension-options';
import { v7 as uuidv7 } from 'uuid';
import { maskFree } from '../../shared/capture/mask';
import { withFailedClip, withoutFailedClip, type FailedClip } from '../records/failed-clip';
import { activeDraftItem, adapterCacheItem, failedClipsItem, identityItem, optionsItem, syncStatusItem, taughtAdaptersItem } from '../storage/items';
import { teachCancel, teachPick, teachPreview } from './teach';
import { mergeAdapters, refreshAdapters } from './adapters';
import { clipTab, targetTab, type ClipBrowser, type TabInfo } from './clip';
import { fetchIdentity, type ApiTarget } from './server-api';
import { findSimilar } from './similar';
import { createSyncService, type SyncService } from './sync-service';

/** The extension API object (WXT's `browser`, or fakeBrowser in tests). */
export type BrowserApi = typeof wxtBrowser;

/** Alarm names: the periodic sync, the one-shot wake-up for backed-off entries, the adapter refresh. */
export const ALARMS = { sync: 'echobox-sync', retry: 'echobox-retry', adapters: 'echobox-adapters' } as const;
/** Context-menu entry on a selection. */
export const MENU_CLIP_SELECTION = 'echobox-clip-selection';
/** The keyboard command (manifest `commands`). */
export const COMMAND_CLIP = 'clip-page';

/** What the background is built from. */
export interface BackgroundDeps {
  browser: BrowserApi;
  outbox: Outbox;
  builtinAdapters: readonly AdapterDefinition[];
  fetch?: typeof fetch;
  now?: () => number;
  locks?: LockManagerLike | null;
}

/** The running background: its sync service and a stop function (tests). */
export interface Background {
  sync: SyncService;
  /** Clip a tab as the toolbar button, shortcut or context menu would. */
  clip(tab: TabInfo, trigger: ClipTrigger, selection?: string): ReturnType<typeof clipTab>;
  /** Work started by events (clips, syncs) that has not finished yet. */
  idle(): Promise<void>;
  /** Stop listening and wait for the work in flight. */
  stop(): Promise<void>;
}

/** Open the side panel (Chrome) or sidebar (Firefox) for the tab; must run inside the user gesture. */
function openPanel(browser: BrowserApi, tab: TabInfo): void {
  const api = browser as unknown as {
    sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  try {
    if (api.sidePanel && tab.id !== undefined) void api.sidePanel.open({ tabId: tab.id }).catch(() => {});
    else if (api.sidebarAction) void api.sidebarAction.open().catch(() => {});
  } catch {
    // Headless browsers and fakes have no panel to open; the draft is stored either way.
  }
}

/**
 * Wire the background: browser events (toolbar button, shortcut, context menu, alarms, startup,
 * online) and the message protocol onto the clip and sync services. WXT's `main()` calls this.
 */
export function startBackground(deps: BackgroundDeps): Background {
  const { browser, outbox } = deps;
  const now = deps.now ?? Date.now;
  const inFlight = new Set<Promise<unknown>>();
  /** Event handlers start work and return at once; the work is tracked so stop() can wait for it. */
  const track = (work: Promise<unknown>): void => {
    const settled = work.catch(() => {}).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };
  const idle = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  const target = async (options?: ExtensionOptions): Promise<ApiTarget | null> => {
    const current = options ?? (await optionsItem.getValue());
    if (!isConfigured(current)) return null;
    return { serverUrl: current.serverUrl, token: current.token, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  };

  const sync = createSyncService({
    outbox,
    target,
    now,
    ...(deps.locks === undefined ? {} : { locks: deps.locks }),
    // Unsent records are counted; with none, a failed clip still waiting for the agent keeps its `!`.
    setBadge: async (count) => {
      const failed = count > 0 ? 0 : (await failedClipsItem.getValue()).length;
      await browser.action.setBadgeText({ text: count > 0 ? String(count) : failed > 0 ? '!' : '' });
      await browser.action.setBadgeBackgroundColor?.({ color: '#b45309' });
    },
    wakeAt: async (at) => {
      await browser.alarms.create(ALARMS.retry, { when: Math.max(at, now() + 1_000) });
    },
    saveStatus: async (update) => syncStatusItem.setValue(update(await syncStatusItem.getValue())),
  });

  const clipDeps = {
    browser: browser as unknown as ClipBrowser,
    outbox,
    adapters: async () => mergeAdapters(deps.builtinAdapters, await adapterCacheItem.getValue(), await taughtAdaptersItem.getValue()),
    options: () => optionsItem.getValue(),
    setActiveDraft: (id: string) => activeDraftItem.setValue(id),
    now: () => new Date(now()),
  };
  const clip = (tab: TabInfo, trigger: ClipTrigger, selection?: string) =>
    clipTab(clipDeps, tab, { trigger, ...(selection ? { selection } : {}) });
  /**
   * A clip from the toolbar, shortcut or menu has no caller to answer: a failure becomes a notice on
   * the toolbar button (badge and title say what happened and what to do) and a failed clip the
   * panel lists with a retry, never silence.
   */
  const clipWithNotice = async (tab: TabInfo, trigger: ClipTrigger, selection?: string, retryOf?: FailedClip) => {
    const result = await clip(tab, trigger, selection);
    const { locale } = await optionsItem.getValue();
    const title = result.ok ? 'Echobox' : t(locale, 'ext.clip.failed_notice', { reason: result.error.detail });
    await browser.action.setTitle?.({ title });
    if (result.ok) {
      if (retryOf) await failedClipsItem.setValue(withoutFailedClip(await failedClipsItem.getValue(), retryOf.id));
      return result;
    }
    const reason = result.error.kind === 'local' ? result.error.reason ?? 'capture_failed' : result.error.kind;
    const failed: FailedClip = {
      id: retryOf?.id ?? uuidv7(),
      trigger,
      ...(tab.id === undefined ? {} : { tabId: tab.id }),
      ...(tab.url ? { url: tab.url.slice(0, 2048) } : {}),
      ...(tab.title ? { title: tab.title.slice(0, 1000) } : {}),
      ...(selection ? { selection: maskFree(selection.slice(0, 10_000)) } : {}),
      reason,
      detail: result.error.detail.slice(0, 1000),
      at: new Date(now()).toISOString(),
      attempts: (retryOf?.attempts ?? 0) + 1,
    };
    await failedClipsItem.setValue(withFailedClip(await failedClipsItem.getValue(), failed));
    await browser.action.setBadgeText({ text: '!' });
    return result;
  };

  /** The web page the panel works on: the active tab, else the most recently used web tab. */
  const pageTab = () => targetTab(browser.tabs as never, (browser.runtime as unknown as { getURL(path: string): string }).getURL('/'));

  const notConfigured = { ok: false as const, error: localFailure('unauthenticated', 'Set the server and API token in the options.') };

  const stopListening = listen(browser.runtime as unknown as RuntimeLike, {
    'clip.capture': async (data) => {
      const tab = data.tabId === undefined ? await targetTab(browser.tabs as never, (browser.runtime as unknown as { getURL(path: string): string }).getURL('/')) : await browser.tabs.get(data.tabId);
      if (!tab) return { ok: false, error: localFailure('not_found', 'No web page to clip.', 'no_tab') };
      return clip(tab, data.trigger, data.selection);
    },
    'clip.retry': async (data) => {
      const failed = (await failedClipsItem.getValue()).find((c) => c.id === data.id);
      if (!failed) return { ok: false, error: localFailure('not_found', 'This failed clip is no longer listed.', 'no_tab') };
      const tab = failed.tabId === undefined ? undefined : await browser.tabs.get(failed.tabId).catch(() => undefined);
      // The tab was closed or shows another page: clipping it now would clip something else.
      if (!tab || (failed.url && tab.url && tab.url !== failed.url)) {
        return { ok: false, error: localFailure('not_found', 'The page is no longer open in its tab.', 'no_tab') };
      }
      return clipWithNotice(tab, failed.trigger, failed.selection, failed);
    },
    'clip.dismiss': async (data) => {
      const remaining = withoutFailedClip(await failedClipsItem.getValue(), data.id);
      await failedClipsItem.setValue(remaining);
      await sync.refreshBadge();
      return reply<'clip.dismiss'>({ remaining: remaining.length });
    },
    'sync.now': async () => {
      const report = await sync.syncNow();
      return reply<'sync.now'>({ sent: report.sent, synced: report.synced, unsynced: report.unsynced });
    },
    'connection.check': async (data) => {
      const result = await fetchIdentity({ serverUrl: data.serverUrl, token: data.token, ...(deps.fetch ? { fetch: deps.fetch } : {}) }, new Date(now()));
      if (!result.ok) return result;
      const options = await optionsItem.getValue();
      if (options.serverUrl === data.serverUrl && options.token === data.token) await identityItem.setValue(result.value);
      return reply<'connection.check'>({ identity: result.value });
    },
    'similar.find': async (data) => {
      const current = await target();
      if (!current) return notConfigured;
      const result = await findSimilar(current, data);
      if (!result.ok) return result;
      return reply<'similar.find'>({ items: result.value });
    },
    'adapters.refresh': async () => {
      const current = await target();
      if (!current) return notConfigured;
      return refreshAdapters(current, { get: () => adapterCacheItem.getValue(), set: (v) => adapterCacheItem.setValue(v) }, new Date(now()));
    },
    'teach.pick': async (data) => {
      const tab = await pageTab();
      if (tab?.id === undefined) return { ok: false, error: localFailure('not_found', 'No web page to teach.', 'no_tab') };
      return teachPick(clipDeps.browser, tab.id, { mode: 'pick', ...data });
    },
    'teach.preview': async (data) => {
      const tab = await pageTab();
      if (tab?.id === undefined) return { ok: false, error: localFailure('not_found', 'No web page to teach.', 'no_tab') };
      return teachPreview(clipDeps.browser, tab.id, { mode: 'preview', rules: data.rules, ...(data.id ? { id: data.id } : {}), ...(data.version ? { version: data.version } : {}) });
    },
    'teach.cancel': async () => {
      const tab = await pageTab();
      return tab?.id === undefined ? reply<'teach.cancel'>({}) : teachCancel(clipDeps.browser, tab.id);
    },
  });

  const onInstalled = async () => {
    const { locale } = await optionsItem.getValue();
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: MENU_CLIP_SELECTION, title: t(locale, 'ext.menu.clip_selection'), contexts: ['selection'] });
    await browser.alarms.create(ALARMS.sync, { periodInMinutes: 1 });
    await browser.alarms.create(ALARMS.adapters, { periodInMinutes: 360, delayInMinutes: 1 });
  };
  const onAction = (tab: TabInfo) => {
    openPanel(browser, tab);
    track(clipWithNotice(tab, 'action'));
  };
  const onCommand = (command: string, tab?: TabInfo) => {
    if (command !== COMMAND_CLIP || !tab) return;
    openPanel(browser, tab);
    track(clipWithNotice(tab, 'command'));
  };
  const onMenu = (info: { menuItemId: string | number; selectionText?: string }, tab?: TabInfo) => {
    if (info.menuItemId !== MENU_CLIP_SELECTION || !tab) return;
    openPanel(browser, tab);
    track(clipWithNotice(tab, 'context_menu', info.selectionText));
  };
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === ALARMS.sync || alarm.name === ALARMS.retry) track(sync.syncNow());
    if (alarm.name === ALARMS.adapters) {
      track(target().then((current) =>
        current ? refreshAdapters(current, { get: () => adapterCacheItem.getValue(), set: (v) => adapterCacheItem.setValue(v) }) : undefined,
      ));
    }
  };
  const onStartup = () => track(sync.syncNow());
  const onOnline = () => track(sync.syncNow());
  // A changed server or token: try at once (the permission for the new origin was just granted).
  const unwatchOptions = optionsItem.watch((next, previous) => {
    if (next.serverUrl !== previous?.serverUrl || next.token !== previous?.token) track(sync.syncNow());
  });
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = outbox.subscribe((change) => {
    if (change.store !== 'entries') return;
    clearTimeout(badgeTimer);
    badgeTimer = setTimeout(() => track(sync.refreshBadge()), 50);
  });

  browser.runtime.onInstalled.addListener(onInstalled);
  browser.runtime.onStartup.addListener(onStartup);
  browser.action.onClicked.addListener(onAction);
  browser.commands?.onCommand.addListener(onCommand);
  browser.contextMenus.onClicked.addListener(onMenu);
  browser.alarms.onAlarm.addListener(onAlarm);
  if (typeof addEventListener === 'function') addEventListener('online', onOnline);

  // Every start of the worker (browser start, wake-up) tries once: nothing waits for the next alarm.
  track(sync.syncNow());

  return {
    sync,
    clip,
    idle,
    async stop() {
      stopListening();
      unwatchOptions();
      unsubscribe();
      clearTimeout(badgeTimer);
      browser.runtime.onInstalled.removeListener(onInstalled);
      browser.runtime.onStartup.removeListener(onStartup);
      browser.action.onClicked.removeListener(onAction);
      browser.commands?.onCommand.removeListener(onCommand);
      browser.contextMenus.onClicked.removeListener(onMenu);
      browser.alarms.onAlarm.removeListener(onAlarm);
      if (typeof removeEventListener === 'function') removeEventListener('online', onOnline);
      await idle();
    },
  };
}

