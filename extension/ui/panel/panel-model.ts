import { computed, signal } from '@preact/signals';
import type { Locale } from '../../../shared/schemas/common';
import type { RecordInput } from '../../../shared/schemas/record';
import type { RecordChange } from '../../../shared/schemas/sync';
import * as z from 'zod/mini';
import { RecordCreateBody } from '../../../shared/schemas/record-create';
import { fieldIssues, type FieldIssue } from '../../../shared/schemas/problem';
import type { Outbox, OutboxEntry } from '../../../shared/sync';
import { META, UNSYNCED_STATES } from '../../records/outbox-meta';
import type { ExtensionMessageKey } from '../../i18n/t';
import type { MessageType, Reply, RequestOf, SimilarRecord } from '../../messaging/protocol';
import { isDraftPayload, type DraftPayload } from '../../records/draft';
import type { FailedClip } from '../../records/failed-clip';
import { toRecordInput } from '../../records/record-input';
import { isLinkPayload, toRequesterLink, type LinkChoice, type LinkPayload } from '../../records/requester-link';
import { sha256Hex } from '../../../shared/sync/digest';
import { isLocalFailure, type ApiFailure } from '../../../shared/sync/request';
import { isConfigured, serverUrlProblem, type ExtensionOptions, type StaffIdentity } from '../../storage/extension-options';
import type { SyncStatus } from '../../storage/items';
import type { Box } from '../redaction/redaction-model';
import { createDraftModel, type DraftState } from './draft-model';

export type { DraftState } from './draft-model';

/** A watched value (a WXT storage item fits). */
export interface Watched<T> {
  getValue(): Promise<T>;
  setValue?(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
}

/** The panel's I/O, handed in by the entrypoint (real browser) or a test. */
export interface PanelDeps {
  outbox: Outbox;
  send: <K extends MessageType>(type: K, data: RequestOf<K>) => Promise<Reply<K>>;
  options: Watched<ExtensionOptions>;
  identity: Watched<StaffIdentity | null>;
  activeDraft: Watched<string | null> & { setValue(value: string | null): Promise<void> };
  syncStatus: Watched<SyncStatus>;
  /** Toolbar, shortcut and menu clips that gave no draft (the background writes them). */
  failedClips: Watched<FailedClip[]>;
  burnIn: (image: Blob, boxes: readonly Box[]) => Promise<Blob>;
  openOptions: () => void;
  now?: () => Date;
  /** Autosave delay; tests pass 0. */
  autosaveMs?: number;
}

/** One of the staff member's saved records and what the server says about it. */
export interface RecordRow {
  entry: OutboxEntry<RecordInput>;
  status?: RecordChange;
}

/** A notice under the header: a message key and its params. */
export interface Notice {
  key: ExtensionMessageKey;
  params?: Record<string, string | number>;
  tone: 'ok' | 'error';
}

/** The side panel's model: the active draft, the record list, similar records and the actions on them. */
export function createPanelModel(deps: PanelDeps) {
  const now = deps.now ?? (() => new Date());
  const options = signal<ExtensionOptions | null>(null);
  const identity = signal<StaffIdentity | null>(null);
  const syncStatus = signal<SyncStatus | null>(null);
  const draft = signal<DraftState | null>(null);
  const records = signal<RecordRow[]>([]);
  /** Drafts linked to existing records as another requester, newest first. */
  const links = signal<OutboxEntry<LinkPayload>[]>([]);
  const similar = signal<{ state: 'idle' | 'loading' | 'done' | 'offline'; items: SimilarRecord[] }>({ state: 'idle', items: [] });
  const notice = signal<Notice | null>(null);
  const failedClips = signal<FailedClip[]>([]);
  const capturing = signal(false);
  const saving = signal(false);
  const locale = computed<Locale>(() => options.value?.locale ?? 'zh-CN');
  const configured = computed(() => (options.value ? isConfigured(options.value) : true));
  /** A stored `http://` address of another machine (saved before such addresses were refused): nothing is sent to it. */
  const insecureServer = computed(() => !!options.value?.serverUrl && serverUrlProblem(options.value.serverUrl) === 'insecure_url');
  const unsynced = computed(
    () => [...records.value.map((r) => r.entry), ...links.value].filter((e) => (UNSYNCED_STATES as readonly string[]).includes(e.state)).length,
  );
  const cleanups: Array<() => void> = [];
  const inFlight = new Set<Promise<unknown>>();
  /** Reloads started by change events; dispose() waits for them so none outlives the panel. */
  const track = (work: Promise<unknown>): void => {
    const settled = work.catch(() => {}).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };
  let persisting: Promise<void> = Promise.resolve();

  /** Show another draft (or none); the one shown before ends with its autosave. */
  function showDraft(next: DraftState | null): void {
    const previous = draft.value;
    if (previous && previous.entry.id !== next?.entry.id) previous.dispose();
    draft.value = next;
  }

  async function loadRecords(): Promise<void> {
    const sent = (await deps.outbox.list({ kind: 'record' })).filter((e) => e.state !== 'draft');
    links.value = sent.filter((e) => isLinkPayload(e.payload)).reverse() as OutboxEntry<LinkPayload>[];
    const entries = sent.filter((e) => !isLinkPayload(e.payload)) as OutboxEntry<RecordInput>[];
    const statuses = (await deps.outbox.getMeta<Record<string, RecordChange>>(META.statuses)) ?? {};
    const rows: RecordRow[] = [];
    for (const entry of entries.reverse()) {
      const status = statuses[entry.id];
      rows.push({ entry, ...(status ? { status } : {}) });
    }
    records.value = rows;
  }

  async function loadDraft(id: string | null): Promise<void> {
    if (draft.value?.entry.id === id) return;
    similar.value = { state: 'idle', items: [] };
    if (!id) {
      showDraft(null);
      return;
    }
    const entry = await deps.outbox.get(id);
    if (!entry || entry.state !== 'draft' || !isDraftPayload(entry.payload)) {
      showDraft(null);
      return;
    }
    const typed = entry as OutboxEntry<DraftPayload>;
    const key = typed.payload.clip.screenshot?.id;
    const image = key ? ((await deps.outbox.getBlob(key)) ?? null) : null;
    showDraft(createDraftModel(typed, image, { delayMs: deps.autosaveMs ?? 300, save: () => void persistDraft() }));
  }

  /** Write the draft's current form (and any other change) into its outbox entry, if it is still a draft. */
  function persistDraft(change?: (payload: DraftPayload, entry: OutboxEntry<DraftPayload>) => Partial<OutboxEntry<DraftPayload>> & { payload?: DraftPayload }): Promise<void> {
    persisting = persisting.then(async () => {
      const current = draft.value;
      if (!current) return;
      const stored = await deps.outbox.get(current.entry.id);
      if (!stored || stored.state !== 'draft' || !isDraftPayload(stored.payload)) return;
      const base = stored as OutboxEntry<DraftPayload>;
      const payload: DraftPayload = { ...base.payload, form: current.form.values.value };
      const patch = change ? change(payload, base) : {};
      const next: OutboxEntry<DraftPayload> = { ...base, payload, ...patch, updatedAt: now().getTime() };
      await deps.outbox.put(next);
      if (draft.value === current) draft.value = { ...current, entry: next };
    });
    return persisting;
  }

  async function init(): Promise<void> {
    options.value = await deps.options.getValue();
    identity.value = await deps.identity.getValue();
    syncStatus.value = await deps.syncStatus.getValue();
    failedClips.value = await deps.failedClips.getValue();
    await loadDraft(await deps.activeDraft.getValue());
    await loadRecords();
    cleanups.push(deps.options.watch((v) => (options.value = v)));
    cleanups.push(deps.identity.watch((v) => (identity.value = v)));
    cleanups.push(deps.syncStatus.watch((v) => (syncStatus.value = v)));
    cleanups.push(deps.failedClips.watch((v) => (failedClips.value = v)));
    cleanups.push(deps.activeDraft.watch((id) => track(loadDraft(id))));
    cleanups.push(
      deps.outbox.subscribe((change) => {
        if (change.store === 'entries' || (change.store === 'meta' && change.op === 'put')) track(loadRecords());
      }),
    );
    // Opening the panel is a good moment to try: the person is looking at their records.
    void deps.send('sync.now', {});
  }

  /** The notice for a clip that gave no draft, by its local reason. */
  function clipFailureNotice(error: ApiFailure): Notice {
    const reason = isLocalFailure(error) ? error.reason : undefined;
    return reason === 'permission' || reason === 'no_tab'
      ? { key: 'ext.panel.permission_denied', tone: 'error' }
      : reason === 'not_http'
        ? { key: 'ext.panel.not_web', tone: 'error' }
        : { key: 'ext.panel.capture_failed', params: { reason: error.detail }, tone: 'error' };
  }

  async function capture(): Promise<void> {
    capturing.value = true;
    notice.value = null;
    try {
      const result = await deps.send('clip.capture', { trigger: 'panel' });
      if (!result.ok) {
        notice.value = clipFailureNotice(result.error);
        return;
      }
      await loadDraft(result.value.draftId);
    } finally {
      capturing.value = false;
    }
  }

  /** Clip a failed clip's tab again; it leaves the list once it gave a draft. */
  async function retryClip(id: string): Promise<void> {
    capturing.value = true;
    notice.value = null;
    try {
      const result = await deps.send('clip.retry', { id });
      if (!result.ok) {
        notice.value = isLocalFailure(result.error) && result.error.reason === 'no_tab' ? { key: 'ext.failed.page_gone', tone: 'error' } : clipFailureNotice(result.error);
        return;
      }
      await loadDraft(result.value.draftId);
    } finally {
      capturing.value = false;
    }
  }

  async function applyRedaction(): Promise<void> {
    const current = draft.value;
    const shot = current?.entry.payload.clip.screenshot;
    if (!current || !current.image || !shot || !current.redaction.pending.value) return;
    current.redaction.busy.value = true;
    try {
      const burned = await deps.burnIn(current.image, current.redaction.boxes.value);
      await deps.outbox.putBlob(shot.id, burned);
      const meta = { ...shot, size: burned.size, sha256: await sha256Hex(await burned.arrayBuffer()) };
      await persistDraft((payload) => ({ payload: { ...payload, clip: { ...payload.clip, screenshot: meta }, screenshotRedacted: true } }));
      current.redaction.clear();
      current.redaction.applied.value = true;
      if (draft.value?.entry.id === current.entry.id) draft.value = { ...draft.value, image: burned };
    } finally {
      current.redaction.busy.value = false;
    }
  }

  async function removeScreenshot(): Promise<void> {
    const current = draft.value;
    const shot = current?.entry.payload.clip.screenshot;
    if (!current || !shot) return;
    await persistDraft((payload) => {
      const { screenshot: _s, ...clip } = payload.clip;
      return { payload: { ...payload, clip, screenshotRedacted: true }, blobKeys: [] };
    });
    await deps.outbox.deleteBlob(shot.id);
    current.redaction.clear();
    if (draft.value?.entry.id === current.entry.id) draft.value = { ...draft.value, image: null };
  }

  async function findSimilar(q?: string): Promise<void> {
    const current = draft.value;
    if (!current || !configured.value) return;
    similar.value = { state: 'loading', items: similar.value.items };
    const { clip, form } = { clip: current.entry.payload.clip, form: current.form.values.value };
    const result = await deps.send('similar.find', {
      ...(q?.trim() ? { q: q.trim().slice(0, 200) } : {}),
      ...(clip.ticket?.ticketId ? { ticketId: clip.ticket.ticketId } : {}),
      ...(form.customerName.trim() ? { customerName: form.customerName.trim() } : {}),
      ...(form.problem.trim() ? { text: form.problem.trim().slice(0, 10_000) } : {}),
    });
    similar.value = result.ok ? { state: 'done', items: result.value.items } : { state: 'offline', items: [] };
  }

  /**
   * Link the draft to an existing record as another requester: the masked link is written to the
   * outbox in the draft's place (same id, the link's idempotency key) before any network call, and
   * sent like a record; the draft rides along so a refused link can become a draft again.
   */
  async function linkDraft(choice: LinkChoice): Promise<boolean> {
    const current = draft.value;
    if (!current || saving.value) return false;
    saving.value = true;
    try {
      current.cancelAutosave();
      await persistDraft();
      const stored = draft.value?.entry ?? current.entry;
      const built = toRequesterLink(stored.id, stored.payload);
      if (!built.ok) {
        // The excerpt is the problem field's text (or the clip's selection): mark that field.
        current.form.showIssues(built.error.map((i) => (i.path[0] === 'excerpt' ? { ...i, path: ['problem'] } : i)));
        notice.value = { key: 'ext.link.invalid', tone: 'error' };
        return false;
      }
      const payload: LinkPayload = { kind: 'link', target: choice, body: built.value, draft: stored.payload };
      const queued = await deps.outbox.requeue(stored.id, payload, now().getTime());
      if (!queued) return false;
      await deps.activeDraft.setValue(null);
      showDraft(null);
      notice.value = { key: 'ext.link.queued', params: { number: choice.recordNumber }, tone: 'ok' };
      void deps.send('sync.now', {});
      return true;
    } finally {
      saving.value = false;
    }
  }

  /** A refused link becomes the draft it was, to link elsewhere or record as a new request. */
  async function linkBackToDraft(id: string): Promise<void> {
    const entry = await deps.outbox.get(id);
    if (!entry || !isLinkPayload(entry.payload) || entry.state === 'synced') return;
    const { error: _e, result: _r, leaseUntil: _l, ...rest } = entry;
    await deps.outbox.put({ ...rest, state: 'draft', payload: entry.payload.draft, attempts: 0, nextAttemptAt: 0, updatedAt: now().getTime() });
    await deps.activeDraft.setValue(id);
  }

  /** Validate and queue the draft: masked, checked with RecordInput, written before any network call. */
  async function save(): Promise<boolean> {
    const current = draft.value;
    const opts = options.value;
    if (!current || !opts || saving.value) return false;
    if (current.redaction.pending.value) {
      notice.value = { key: 'ext.shot.pending', tone: 'error' };
      return false;
    }
    saving.value = true;
    try {
      current.cancelAutosave();
      await persistDraft();
      const stored = draft.value?.entry ?? current.entry;
      const built = toRecordInput(stored.id, { ...stored.payload, form: current.form.values.value }, opts, identity.value, now(), current.form.typedContact.value);
      if (!built.ok) {
        current.form.showIssues(built.error);
        notice.value = { key: 'ext.form.invalid', tone: 'error' };
        return false;
      }
      const queued = await deps.outbox.requeue(stored.id, built.value, now().getTime());
      if (!queued) return false;
      await deps.activeDraft.setValue(null);
      showDraft(null);
      notice.value = { key: 'ext.panel.saved', tone: 'ok' };
      void deps.send('sync.now', {});
      return true;
    } finally {
      saving.value = false;
    }
  }

  async function discard(): Promise<void> {
    const current = draft.value;
    if (!current) return;
    current.cancelAutosave();
    await deps.outbox.remove(current.entry.id);
    await deps.activeDraft.setValue(null);
    showDraft(null);
  }

  /** Send a rejected or conflicting record again, optionally edited; the edit is checked first. */
  async function resend(id: string, edited?: RecordInput): Promise<FieldIssue[] | null> {
    if (edited) {
      // The create schema, so a consented contact still waiting in the outbox is kept with the edit.
      const parsed = z.safeParse(RecordCreateBody, edited);
      if (!parsed.success) return fieldIssues(parsed.error);
      await deps.outbox.requeue(id, parsed.data, now().getTime());
    } else await deps.outbox.requeue(id, undefined, now().getTime());
    void deps.send('sync.now', {});
    return null;
  }

  /** Accept the server's copy of a conflicting record: the server holds a record with this id. */
  async function keepServerCopy(id: string): Promise<void> {
    const row = records.value.find((r) => r.entry.id === id);
    const copy = row?.entry.serverCopy as { recordNumber?: string; version?: number } | undefined;
    await deps.outbox.settle(
      [{ id, status: 'duplicate', ...(copy?.recordNumber ? { recordNumber: copy.recordNumber } : {}), ...(copy?.version ? { version: copy.version } : {}) }],
      now().getTime(),
    );
  }

  return {
    options,
    identity,
    syncStatus,
    draft,
    records,
    links,
    similar,
    notice,
    failedClips,
    capturing,
    saving,
    locale,
    configured,
    insecureServer,
    unsynced,
    init,
    capture,
    retryClip,
    dismissClip: async (id: string) => void (await deps.send('clip.dismiss', { id })),
    applyRedaction,
    removeScreenshot,
    findSimilar,
    linkDraft,
    linkBackToDraft,
    dismissLink: async (id: string) => void (await deps.outbox.remove(id)),
    save,
    discard,
    resend,
    keepServerCopy,
    persistDraft: () => persistDraft(),
    syncNow: () => deps.send('sync.now', {}),
    openOptions: () => deps.openOptions(),
    async dispose() {
      showDraft(null);
      for (const cleanup of cleanups.splice(0)) cleanup();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await persisting;
    },
  };
}
/** The side panel's model. */
export type PanelModel = ReturnType<typeof createPanelModel>;
