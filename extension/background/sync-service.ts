import type { RecordChange } from '../../shared/schemas/sync';
import { createSyncEngine, fetchChanges, type FlushReport, type LockManagerLike, type Outbox } from '../../shared/sync';
import { META, UNSYNCED_STATES } from '../records/outbox-meta';
import { apiBase, type StaffIdentity } from '../storage/extension-options';
import type { SyncStatus } from '../storage/items';
import type { ApiTarget } from './server-api';
import { recordTransport } from './record-transport';

export { META, UNSYNCED_STATES };

/** What the sync service needs from its surroundings (the background wires the real ones). */
export interface SyncServiceDeps {
  outbox: Outbox;
  /** Server and token, or null while the options are incomplete (then nothing is sent). */
  target: () => Promise<ApiTarget | null>;
  /** No longer read (merging after sync went with the old link path); optional until test/bench/extension.ts stops passing it. */
  identity?: () => Promise<StaffIdentity | null>;
  now?: () => number;
  /** Show the unsynced count (browser.action badge). */
  setBadge?: (count: number) => Promise<void> | void;
  /** Wake up again at `at` (epoch ms) for entries in backoff (browser.alarms). */
  wakeAt?: (at: number) => Promise<void> | void;
  /** Remember the outcome of an attempt (storage item shown in the panel). */
  saveStatus?: (update: (previous: SyncStatus) => SyncStatus) => Promise<void> | void;
  locks?: LockManagerLike | null;
}

/** The background's sync: send the outbox, follow the changes feed, keep the badge. */
export interface SyncService {
  /** Send what is due, then pull status changes; never rejects. */
  syncNow(): Promise<FlushReport & { unsynced: number }>;
  pullChanges(): Promise<void>;
  unsyncedCount(): Promise<number>;
  refreshBadge(): Promise<number>;
}

/** Build the sync service over the extension's outbox. */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { outbox } = deps;
  const now = deps.now ?? Date.now;
  let lastError: SyncStatus['lastError'] = null;
  const requireTarget = async (): Promise<ApiTarget> => {
    const target = await deps.target();
    if (!target) throw new Error('not configured');
    return target;
  };
  const transport = recordTransport(outbox, requireTarget);
  const engine = createSyncEngine({
    outbox,
    transports: {
      record: async (entries) => {
        const outcomes = await transport(entries);
        const failed = outcomes.find((o) => o.status === 'retry');
        lastError = failed && 'error' in failed ? failed.error : null;
        return outcomes;
      },
    },
    now,
    ...(deps.locks === undefined ? {} : { locks: deps.locks }),
  });

  async function unsyncedCount(): Promise<number> {
    return outbox.count([...UNSYNCED_STATES]);
  }

  async function refreshBadge(): Promise<number> {
    const count = await unsyncedCount();
    await deps.setBadge?.(count);
    return count;
  }

  async function pullChanges(): Promise<void> {
    const target = await deps.target();
    if (!target) return;
    for (let page = 0; page < 50; page++) {
      const cursor = await outbox.getMeta<string>(META.changesCursor);
      const result = await fetchChanges({
        url: `${apiBase(target.serverUrl)}/changes`,
        headers: () => ({ authorization: `Bearer ${target.token}` }),
        ...(target.fetch ? { fetch: target.fetch } : {}),
        ...(cursor ? { cursor } : {}),
      });
      if (!result.ok) return;
      if (result.value.items.length > 0) {
        const statuses = (await outbox.getMeta<Record<string, RecordChange>>(META.statuses)) ?? {};
        for (const change of result.value.items) statuses[change.recordId] = change;
        await outbox.setMeta(META.statuses, statuses);
      }
      await outbox.setMeta(META.changesCursor, result.value.nextCursor);
      if (!result.value.hasMore) return;
    }
  }

  async function syncNow(): Promise<FlushReport & { unsynced: number }> {
    const target = await deps.target();
    let report: FlushReport = { sent: 0, synced: 0, rejected: 0, conflicts: 0, retried: 0 };
    if (target) {
      const attemptAt = new Date(now()).toISOString();
      lastError = null;
      report = await engine.flush();
      if (report.sent > 0) {
        const error = report.retried > 0 ? lastError : null;
        await deps.saveStatus?.((previous) => ({
          lastAttemptAt: attemptAt,
          lastSuccessAt: error ? previous.lastSuccessAt : attemptAt,
          lastError: error,
        }));
      }
      await pullChanges();
      const due = await outbox.nextDueAt();
      if (due !== undefined) await deps.wakeAt?.(due);
    }
    const unsynced = await refreshBadge();
    return { ...report, unsynced };
  }

  return { syncNow, pullChanges, unsyncedCount, refreshBadge };
}
