import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import type { ReminderHorizon } from '../../shared/domain/reminders';
import type { DigestWindow } from '../../shared/domain/digest';
import { scanDigests } from './digest';

/** The job kind that tells staff about one obligation at one stage. */
export const REMINDER_NOTIFY = 'reminder.notify';

/** What a `reminder.notify` job carries. */
export interface ReminderPayload {
  recordId: string;
  kind: string;
  dueAt: string;
  stage: 'due_soon' | 'breached';
}

/** Obligations breached longer ago than this are not escalated any more (finished jobs are kept longer). */
export const BREACH_LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * One scan of open obligations: queue a `reminder.notify` job for every record whose first unmet
 * obligation is due soon (urgent records up to `horizon.urgent`, others up to `horizon.other`) or
 * breached (within BREACH_LOOKBACK_MS). One set-based statement over the next-due index; the dedupe
 * key (record, obligation kind, due instant, stage) makes every scan, in any process, queue each
 * notification once. Returns how many were queued now.
 */
export async function scanObligations(db: Db, now: Date, horizon: ReminderHorizon): Promise<number> {
  const upper = new Date(Math.max(horizon.urgent.getTime(), horizon.other.getTime())).toISOString();
  const at = now.toISOString();
  const result = (await db.execute(sql`
    INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at)
    SELECT ${REMINDER_NOTIFY},
      jsonb_build_object('recordId', r.id, 'kind', r.next_obligation_kind,
        'dueAt', to_char(r.next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'stage', r.stage),
      'reminder:' || r.id || ':' || r.next_obligation_kind || ':' || (extract(epoch FROM r.next_due_at) * 1000)::bigint || ':' || r.stage,
      ${at}::timestamptz, ${at}::timestamptz
    FROM (
      SELECT id, next_obligation_kind, next_due_at,
        CASE WHEN next_due_at <= ${at}::timestamptz THEN 'breached' ELSE 'due_soon' END AS stage
      FROM records
      WHERE next_due_at > ${new Date(now.getTime() - BREACH_LOOKBACK_MS).toISOString()}::timestamptz
        AND next_due_at <= ${upper}::timestamptz
        AND next_obligation_kind IS NOT NULL
        AND (next_due_at <= ${at}::timestamptz
          OR next_due_at <= (CASE WHEN urgency = 'urgent' THEN ${horizon.urgent.toISOString()} ELSE ${horizon.other.toISOString()} END)::timestamptz)
    ) r
    ON CONFLICT (dedupe_key) DO NOTHING`)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/**
 * Scan for due and breached obligations every `intervalMs` (first soon after start), and queue the
 * daily digests once `digest` says one is due; a failed scan is logged and tried again next time.
 * Every server process may run one: the dedupe keys keep each notification and digest single.
 */
export function startReminderScheduler(options: {
  db: Db;
  now: () => Date;
  horizon: (now: Date) => Promise<ReminderHorizon>;
  /** Today's digest window at `now`, or null outside the digest hour and on days off. */
  digest?: (now: Date) => Promise<DigestWindow | null>;
  intervalMs: number;
  log: (message: string, error?: unknown) => void;
}) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = options.now();
      await scanObligations(options.db, now, await options.horizon(now));
      const digest = await options.digest?.(now);
      if (digest) await scanDigests(options.db, now, digest);
    } catch (error) {
      options.log('reminders: scanning obligations failed', error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), Math.min(options.intervalMs, 1_000));
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
