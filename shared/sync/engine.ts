import type { Outbox } from './outbox';
import type { OutboxEntry, OutboxKind, SendOutcome, Transport } from './types';

/** What one flush did. */
export interface FlushReport {
  /** Entries handed to a transport. */
  sent: number;
  synced: number;
  rejected: number;
  conflicts: number;
  /** Entries put back in the queue with a later attempt time. */
  retried: number;
  /** Why nothing was sent: another tab holds the sync lock, or the browser says it is offline. */
  skipped?: 'locked' | 'offline';
}

/** The subset of the Web Locks API the engine uses. */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** Options of createSyncEngine. */
export interface SyncEngineOptions {
  outbox: Outbox;
  /** One transport per kind; entries of a kind without one stay queued. */
  transports: Partial<Record<OutboxKind, Transport>>;
  /** Entries per request (the API takes at most 100). */
  batchSize?: number;
  /** How long a claimed entry belongs to this sender before another may take it over. */
  leaseMs?: number;
  now?: () => number;
  /** Called with the entries the server acknowledged in one batch. */
  onSynced?: (entries: OutboxEntry[]) => void;
  /** Called with unexpected failures (IndexedDB, a throwing transport); flush() itself never rejects. */
  onError?: (error: unknown) => void;
  /** Web Locks; defaults to navigator.locks, `null` turns it off (the leases still prevent double sends). */
  locks?: LockManagerLike | null;
}

/** Options of SyncEngine.start. */
export interface StartOptions {
  /** Flush when the browser comes back online. */
  online?: boolean;
  /** Flush at least this often; also wakes up when the next backed-off entry is due. 0 = no timer. */
  intervalMs?: number;
}

/** Moves due outbox entries to the server. */
export interface SyncEngine {
  /** Send every due entry now; calls made while one runs share the next run. Never rejects. */
  flush(): Promise<FlushReport>;
  /** Flush now, on `online`, on new work in the outbox and on a timer (not for the extension background: use alarms). */
  start(options?: StartOptions): void;
  stop(): void;
}

const KINDS: OutboxKind[] = ['record', 'submission', 'survey_response', 'satisfaction'];

// While another tab holds the lock its entries stay due; do not poll for them faster than this.
const MIN_WAKE_MS = 1_000;

const emptyReport = (): FlushReport => ({ sent: 0, synced: 0, rejected: 0, conflicts: 0, retried: 0 });

/** Create the sync engine of one page over an outbox. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { outbox, transports, batchSize = 100, leaseMs = 30_000, now = Date.now, onSynced, onError = () => {} } = options;
  const locks =
    options.locks === undefined
      ? ((globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null)
      : options.locks;
  const lockName = `echobox-sync:${outbox.name}`;

  async function sendKind(kind: OutboxKind, transport: Transport, report: FlushReport): Promise<void> {
    for (;;) {
      const batch = await outbox.claim(kind, batchSize, now(), leaseMs);
      if (batch.length === 0) return;
      let outcomes: SendOutcome[];
      try {
        outcomes = await transport(batch);
      } catch (error) {
        onError(error);
        outcomes = [];
      }
      // Answer every claimed entry, so none waits for its lease to expire.
      const byId = new Map(outcomes.map((o) => [o.id, o]));
      const complete = batch.map(
        (e): SendOutcome =>
          byId.get(e.id) ?? { id: e.id, status: 'retry', error: { code: 'internal', message: 'No answer for this item.' } },
      );
      const settled = await outbox.settle(complete, now());
      report.sent += batch.length;
      const synced = settled.filter((e) => e.state === 'synced');
      report.synced += synced.length;
      report.rejected += settled.filter((e) => e.state === 'rejected').length;
      report.conflicts += settled.filter((e) => e.state === 'conflict').length;
      const retried = complete.filter((o) => o.status === 'retry').length;
      report.retried += retried;
      if (synced.length) {
        try {
          onSynced?.(synced);
        } catch (error) {
          onError(error);
        }
      }
      // The server or network is struggling: leave the rest for the backoff instead of hammering.
      if (retried > 0) return;
    }
  }

  async function run(): Promise<FlushReport> {
    const report = emptyReport();
    if ((globalThis.navigator as { onLine?: boolean } | undefined)?.onLine === false) return { ...report, skipped: 'offline' };
    const work = async () => {
      for (const kind of KINDS) {
        const transport = transports[kind];
        if (!transport) continue;
        try {
          await sendKind(kind, transport, report);
        } catch (error) {
          onError(error);
        }
      }
      return report;
    };
    if (!locks) return work();
    try {
      return await locks.request(lockName, { ifAvailable: true }, async (lock) =>
        lock ? work() : { ...report, skipped: 'locked' as const },
      );
    } catch (error) {
      onError(error);
      return report;
    }
  }

  let running: Promise<FlushReport> | undefined;
  let queuedRun: Promise<FlushReport> | undefined;
  function flush(): Promise<FlushReport> {
    if (!running) {
      running = run().finally(() => {
        running = undefined;
        schedule();
      });
      return running;
    }
    // Work may have arrived after the running flush looked: one more run after it, shared.
    queuedRun ??= running.then(() => {
      queuedRun = undefined;
      return flush();
    });
    return queuedRun;
  }

  let started: Required<StartOptions> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  const onOnline = () => void flush();

  function schedule(): void {
    if (!started || running) return;
    const { intervalMs } = started;
    outbox.nextDueAt().then(
      (due) => {
        if (!started || running) return;
        clearTimeout(timer);
        const untilDue = due === undefined ? Infinity : Math.max(MIN_WAKE_MS, due - now() + 50);
        const delay = Math.min(untilDue, intervalMs > 0 ? intervalMs : Infinity);
        // Past 2^31-1 ms setTimeout fires at once; nothing to wait for then anyway.
        if (delay < 2 ** 31) timer = setTimeout(() => void flush(), delay);
      },
      (error: unknown) => onError(error),
    );
  }

  return {
    flush,
    start({ online = true, intervalMs = 60_000 } = {}) {
      if (started) return;
      started = { online, intervalMs };
      if (online && typeof addEventListener === 'function') addEventListener('online', onOnline);
      unsubscribe = outbox.subscribe((change) => {
        if (change.store === 'entries' && (change.op === 'put' || change.op === 'requeue')) void flush();
      });
      void flush();
    },
    stop() {
      if (!started) return;
      if (started.online && typeof removeEventListener === 'function') removeEventListener('online', onOnline);
      started = undefined;
      clearTimeout(timer);
      unsubscribe?.();
    },
  };
}
