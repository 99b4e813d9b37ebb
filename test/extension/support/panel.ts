import { v7 as uuidv7 } from 'uuid';
import { openOutbox, type Outbox, type OutboxEntry } from '../../../shared/sync';
import type { MessageType, Reply, RequestOf } from '../../../extension/messaging/protocol';
import type { DraftPayload } from '../../../extension/records/draft';
import type { FailedClip } from '../../../extension/records/failed-clip';
import { prefillForm } from '../../../extension/records/prefill';
import type { ExtensionOptions, StaffIdentity } from '../../../extension/storage/extension-options';
import type { SyncStatus } from '../../../extension/storage/items';
import { createPanelModel, type PanelDeps, type Watched } from '../../../extension/ui/panel/panel-model';
import { CONFIGURED, ZENDESK_CAPTURE } from './fixtures';

/*
 * The side panel's model over a real outbox (fake-indexeddb) with in-memory storage items and a
 * background that answers from fixtures: what the panel model and panel UI tests build on.
 */

export function watched<T>(initial: T): Watched<T> & { setValue(value: T): Promise<void> } {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  return {
    getValue: async () => value,
    async setValue(next) {
      value = next;
      for (const l of listeners) l(next);
    },
    watch(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

/** Outboxes the helpers opened; close them after each test (`closeOpened`). */
const opened: Outbox[] = [];
export const closeOpened = () => {
  for (const o of opened.splice(0)) o.close();
};

/** Store a draft of the Zendesk fixture clip (with `shot` as its screenshot) and return its id. */
export async function seedDraft(outbox: Outbox, shot?: Blob, extra: Partial<DraftPayload> = {}): Promise<string> {
  const id = uuidv7();
  const clip = ZENDESK_CAPTURE.clip as DraftPayload['clip'];
  const shotMeta = shot ? { id: uuidv7(), name: 'screenshot.png', mimeType: 'image/png' as const, size: shot.size, sha256: 'b'.repeat(64), capturedAt: clip.capturedAt } : undefined;
  if (shot && shotMeta) await outbox.putBlob(shotMeta.id, shot);
  const entry: OutboxEntry<DraftPayload> = {
    id,
    kind: 'record',
    state: 'draft',
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 1,
    updatedAt: 1,
    blobKeys: shotMeta ? [shotMeta.id] : [],
    payload: {
      kind: 'draft',
      clip: shotMeta ? { ...clip, screenshot: shotMeta } : clip,
      adapterId: 'zendesk-agent',
      missingFields: [],
      form: prefillForm(clip, CONFIGURED),
      screenshotRedacted: !shotMeta,
      ...extra,
    },
  };
  await outbox.put(entry);
  return id;
}

/** A panel model; `override` answers clip.capture. */
export async function panel(
  outboxName = `panel-${uuidv7()}`,
  activeDraft = watched<string | null>(null),
  override?: (type: MessageType, data: unknown) => Promise<unknown>,
  options: ExtensionOptions = CONFIGURED,
  failedClips = watched<FailedClip[]>([]),
) {
  const outbox = await openOutbox(outboxName);
  opened.push(outbox);
  const sent: Array<{ type: MessageType; data: unknown }> = [];
  const deps: PanelDeps = {
    outbox,
    send: async <K extends MessageType>(type: K, data: RequestOf<K>) => {
      sent.push({ type, data });
      if (override && (type === 'clip.capture' || type === 'clip.retry' || type === 'clip.dismiss')) return (await override(type, data)) as Reply<K>;
      if (type === 'similar.find') {
        return { ok: true, value: { items: [{ record: { id: uuidv7(), recordNumber: 'CS-20250929-004', problem: '导出没反应', status: 'pending_analysis', category: 'product_defect' }, reasons: ['same_ticket'], score: 3 }] } } as unknown as Reply<K>;
      }
      return { ok: true, value: { sent: 0, synced: 0, unsynced: 0 } } as unknown as Reply<K>;
    },
    options: watched<ExtensionOptions>(options),
    identity: watched<StaffIdentity | null>(null),
    activeDraft,
    syncStatus: watched<SyncStatus>({ lastAttemptAt: null, lastSuccessAt: null, lastError: null }),
    failedClips,
    burnIn: async (image) => new Blob([await image.arrayBuffer(), new Uint8Array([0])], { type: 'image/png' }),
    openOptions: () => {},
    autosaveMs: 0,
  };
  const model = createPanelModel(deps);
  return { model, outbox, sent, activeDraft, failedClips };
}

