import * as z from 'zod/mini';
import { v7 as uuidv7 } from 'uuid';
import type { AdapterDefinition } from '../../shared/schemas/adapter';
import { Clip } from '../../shared/schemas/clip';
import type { ScreenshotMeta } from '../../shared/schemas/attachment';
import type { Outbox, OutboxEntry } from '../../shared/sync';
import type { ClipTrigger, Reply } from '../messaging/protocol';
import type { DraftPayload, ScreenshotMissing } from '../records/draft';
import { prefillForm } from '../records/prefill';
import type { ExtensionOptions } from '../storage/extension-options';
import { sha256Hex } from '../../shared/sync/digest';
import { localFailure } from '../../shared/sync/request';
import { CAPTURE_INPUT_KEY, type CaptureInput } from '../capture/capture-input';

/** A tab as the browser describes it (only what clipping reads). */
export interface TabInfo {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
}

/** The browser APIs clipping uses (scripting and tabs), narrowed so tests can stand in for them. */
export interface ClipBrowser {
  tabs: {
    captureVisibleTab(windowId: number, options: { format: 'png' | 'jpeg'; quality?: number }): Promise<string>;
    get(tabId: number): Promise<{ active?: boolean }>;
  };
  scripting: {
    executeScript(injection: {
      target: { tabId: number };
      files?: string[];
      func?: (input: CaptureInput, key: string) => void;
      args?: [CaptureInput, string];
    }): Promise<Array<{ result?: unknown }>>;
  };
}

/** The unlisted script (entrypoints/capture.ts) that runs capturePage in the page. */
export const CAPTURE_SCRIPT = '/capture.js';

/** What clipping needs besides the browser. */
export interface ClipDeps {
  browser: ClipBrowser;
  outbox: Outbox;
  adapters: () => Promise<AdapterDefinition[]>;
  options: () => Promise<ExtensionOptions>;
  setActiveDraft: (id: string) => Promise<void>;
  now?: () => Date;
  newId?: () => string;
}

const CaptureResult = z.object({
  clip: z.omit(Clip, { screenshot: true }),
  adapterId: z.nullable(z.string()),
  missingFields: z.array(z.string()),
});

/** Why a clip did not produce a draft: a local failure whose reason the panel words. */
const failure = (reason: 'no_tab' | 'not_http' | 'permission' | 'capture_failed', message: string): Reply<'clip.capture'> => ({
  ok: false,
  error: localFailure(reason === 'permission' ? 'forbidden' : 'validation_failed', message, reason),
});

/** Decode a `data:` URL from captureVisibleTab into a Blob. */
async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  const comma = dataUrl.indexOf(',');
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'image/png';
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Waits before trying a failed capture again (Chrome allows two captures a second). */
const CAPTURE_RETRY_MS = [250, 600];

/** Without a grant no retry helps; anything else (a page still painting, the rate limit) may pass later. */
const isPermissionError = (error: unknown) => /permission|activeTab|all_urls|cannot be scripted/i.test(String((error as Error)?.message ?? error));

/** captureVisibleTab, tried again after a short wait when it failed for a passing reason. */
async function captureVisibleTab(browser: ClipBrowser, windowId: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    } catch (error) {
      const wait = CAPTURE_RETRY_MS[attempt];
      if (wait === undefined || isPermissionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * A screenshot of the visible part of the clipped tab, as a blob with its attachment metadata, or
 * why there is none. captureVisibleTab takes whatever tab is in front of the window, so the clipped
 * tab must be in front before and after: a picture of another page must never reach a record.
 */
export async function takeScreenshot(
  browser: ClipBrowser,
  tab: { id: number; windowId: number },
  id: string,
  now: Date,
): Promise<{ blob: Blob; meta: ScreenshotMeta } | { missing: ScreenshotMissing }> {
  const inFront = async () => (await browser.tabs.get(tab.id).catch(() => undefined))?.active === true;
  if (!(await inFront())) return { missing: 'tab_hidden' };
  let dataUrl: string;
  try {
    dataUrl = await captureVisibleTab(browser, tab.windowId);
  } catch (error) {
    // No activeTab grant (e.g. clipped from the panel on an allowed site): the clip goes on without one.
    if (!(await inFront())) return { missing: 'tab_hidden' };
    return { missing: isPermissionError(error) ? 'not_allowed' : 'failed' };
  }
  if (!(await inFront())) return { missing: 'tab_hidden' };
  const blob = await dataUrlToBlob(dataUrl);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    blob,
    meta: {
      id,
      name: `screenshot-${stamp}.png`,
      mimeType: 'image/png',
      size: blob.size,
      sha256: await sha256Hex(await blob.arrayBuffer()),
      capturedAt: now.toISOString(),
    },
  };
}

/**
 * Waits before running the page capture again. Right after a load Chrome may refuse a page it has
 * just granted ("Cannot access contents of the page"), and a page still loading may answer nothing
 * usable; both pass within a second, a real refusal does not, so the last attempt's answer stands.
 */
const CAPTURE_PAGE_RETRY_MS = [150, 400, 900];

/** runCapture, tried again after a short wait while it throws or answers nothing usable. */
async function runCaptureRetried(deps: ClipDeps, tabId: number, selection: string | undefined) {
  for (let attempt = 0; ; attempt++) {
    const wait = CAPTURE_PAGE_RETRY_MS[attempt];
    try {
      const result = await runCapture(deps, tabId, selection);
      if (result.success || wait === undefined) return result;
    } catch (error) {
      if (wait === undefined) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function runCapture(deps: ClipDeps, tabId: number, selection: string | undefined) {
  const input: CaptureInput = { adapters: await deps.adapters(), ...(selection ? { selection } : {}) };
  await deps.browser.scripting.executeScript({
    target: { tabId },
    // Runs in the page, serialised: the key travels as an argument, not through the closure.
    func: (handed: CaptureInput, key: string) => {
      (globalThis as unknown as Record<string, unknown>)[key] = handed;
    },
    args: [input, CAPTURE_INPUT_KEY],
  });
  const [first] = await deps.browser.scripting.executeScript({ target: { tabId }, files: [CAPTURE_SCRIPT] });
  return z.safeParse(CaptureResult, first?.result);
}

/**
 * Clip a tab: capture the page (and ticket) in the page and a screenshot of the visible tab at the
 * same time, then store both as a new draft in the outbox (IndexedDB) before anything else.
 */
export async function clipTab(
  deps: ClipDeps,
  tab: TabInfo,
  request: { trigger: ClipTrigger; selection?: string },
): Promise<Reply<'clip.capture'>> {
  if (tab.id === undefined) return failure('no_tab', 'No tab to clip.');
  // Without a grant for the tab the browser hides its URL; the capture then fails with `permission`.
  if (tab.url !== undefined && !/^https?:\/\//.test(tab.url)) return failure('not_http', 'Only http(s) pages can be clipped.');
  const now = (deps.now ?? (() => new Date()))();
  const newId = deps.newId ?? uuidv7;
  const draftId = newId();
  const shotId = newId();
  const [captured, shot] = await Promise.all([
    runCaptureRetried(deps, tab.id, request.selection).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, message: String((error as Error)?.message ?? error) }),
    ),
    tab.windowId === undefined
      ? Promise.resolve({ missing: 'failed' as const })
      : takeScreenshot(deps.browser, { id: tab.id, windowId: tab.windowId }, shotId, now),
  ]);
  if (!captured.ok) return failure('permission', captured.message);
  if (!captured.result.success) return failure('capture_failed', 'The page capture was not usable.');
  const { clip: pageClip, adapterId, missingFields } = captured.result.data;
  const options = await deps.options();
  const taken = 'meta' in shot ? shot : null;
  if (taken) await deps.outbox.putBlob(taken.meta.id, taken.blob);
  const clip = taken ? { ...pageClip, screenshot: taken.meta } : pageClip;
  const payload: DraftPayload = {
    kind: 'draft',
    clip,
    adapterId,
    missingFields,
    form: prefillForm(pageClip, options),
    screenshotRedacted: !taken,
    ...('missing' in shot ? { screenshotMissing: shot.missing } : {}),
  };
  const at = now.getTime();
  const entry: OutboxEntry<DraftPayload> = {
    id: draftId,
    kind: 'record',
    payload,
    state: 'draft',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
    blobKeys: taken ? [taken.meta.id] : [],
  };
  await deps.outbox.put(entry);
  await deps.setActiveDraft(draftId);
  return { ok: true, value: { draftId, screenshot: taken !== null } };
}

/**
 * The tab a panel-started clip means: the active tab of the focused window, unless that is one of
 * the extension's own pages (the panel opened in a tab), then the most recently used web page.
 */
export async function targetTab(
  tabs: { query(q: object): Promise<Array<TabInfo & { lastAccessed?: number }>> },
  ownOrigin = '',
): Promise<TabInfo | undefined> {
  const isOwn = (t: TabInfo) => !!ownOrigin && !!t.url?.startsWith(ownOrigin);
  const isWeb = (t: TabInfo) => !!t.url && /^https?:\/\//.test(t.url);
  const [active] = await tabs.query({ active: true, lastFocusedWindow: true });
  if (active && !isOwn(active)) return active;
  const all = (await tabs.query({})).filter(isWeb);
  all.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return all[0];
}
