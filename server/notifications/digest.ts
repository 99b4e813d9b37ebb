import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import type { JobHandler } from '../jobs/runner';
import type { Mailer } from './mailer';
import { digestContents, type DigestWindow } from '../../shared/domain/digest';
import { t } from '../../shared/i18n/t';
import { formatDateTime } from '../../shared/i18n/format-date';
import { isLocale, type Locale } from '../../shared/i18n/locale';

/** The job kind that sends one person their daily digest. */
export const DIGEST_SEND = 'digest.send';

/** What a `digest.send` job carries. */
export interface DigestPayload {
  userId: string;
  /** The local date the digest is for. */
  day: string;
  /** Obligations due up to this instant are listed (breached ones always). */
  dueBefore: string;
}

/** Most records one digest lists; the rest are counted. */
export const DIGEST_MAX_LINES = 50;

/**
 * Whose work a record is, as SQL over `records r` and `users u`: its owner's, or (nobody owns it)
 * every reviewer of its department's, as reminders escalate.
 */
const responsibleFor = sql`(r.owner_id = u.id OR (r.owner_id IS NULL AND u.role = 'reviewer' AND r.department = u.department))`;

/**
 * Queue today's digest for every active person with an open obligation due before the window ends
 * (or breached). The dedupe key (person, local date) makes every scan, in any process, queue each
 * person's digest once a day. Returns how many were queued now.
 */
export async function scanDigests(db: Db, now: Date, window: DigestWindow): Promise<number> {
  const at = now.toISOString();
  const result = (await db.execute(sql`
    INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at)
    SELECT ${DIGEST_SEND}, jsonb_build_object('userId', u.id, 'day', ${window.day}::text, 'dueBefore', ${window.dueBefore.toISOString()}::text),
      'digest:' || u.id || ':' || ${window.day}::text, ${at}::timestamptz, ${at}::timestamptz
    FROM users u
    WHERE NOT u.disabled AND EXISTS (
      SELECT 1 FROM records r
      WHERE r.next_obligation_kind IS NOT NULL AND r.next_due_at <= ${window.dueBefore.toISOString()}::timestamptz AND ${responsibleFor})
    ON CONFLICT (dedupe_key) DO NOTHING`)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/** What digests need. */
export interface DigestOptions {
  /** Absent without ECHOBOX_SMTP_URL: then no digest is sent. */
  mailer?: Mailer;
  /** Language for people who chose none. */
  locale: Locale;
  timeZone: string;
}

type DueRow = { record_id: string; number: string; kind: string; due_at: Date | string; met_at: Date | string | null };

/**
 * The `digest.send` job: e-mail the person, in their language, every open obligation of the records
 * they answer for that is breached or due before the window ends (shared/domain/digest.ts chooses),
 * most urgent first, as they are when the job runs (met meanwhile: left out; nothing left: nothing
 * sent). The Message-ID is the person and date, the same on a retry.
 */
export function sendDigest(options: DigestOptions): JobHandler {
  return async (raw, ctx) => {
    const p = raw as DigestPayload;
    if (!options.mailer) return;
    const people = (await ctx.db.execute(sql`SELECT email, locale FROM users WHERE id = ${p.userId} AND NOT disabled`)) as unknown as {
      rows: { email: string; locale: string | null }[];
    };
    const person = people.rows[0];
    if (!person) return;
    const rows = (
      (await ctx.db.execute(sql`
        SELECT r.id AS record_id, r.record_number AS number, o.kind, o.due_at, o.met_at
        FROM record_obligations o JOIN records r ON r.id = o.record_id, users u
        WHERE u.id = ${p.userId} AND r.next_obligation_kind IS NOT NULL AND o.met_at IS NULL AND o.due_at <= ${p.dueBefore}::timestamptz AND ${responsibleFor}`)) as unknown as { rows: DueRow[] }
    ).rows;
    const chosen = digestContents(
      rows.map((r) => ({ recordId: r.record_id, recordNumber: r.number, kind: r.kind, dueAt: new Date(r.due_at), metAt: r.met_at === null ? null : new Date(r.met_at) })),
      { dueBefore: new Date(p.dueBefore) },
      ctx.now,
      DIGEST_MAX_LINES,
    );
    if (chosen.lines.length === 0) return;
    const l: Locale = isLocale(person.locale) ? person.locale : options.locale;
    const lines = chosen.lines.map((line) =>
      t(l, 'notify.digest.line', {
        record: line.recordNumber,
        obligation: t(l, `obligation.kind.${line.kind}` as 'obligation.kind.response'),
        due: formatDateTime(line.dueAt, l, options.timeZone),
        overdue: line.overdue ? t(l, 'notify.digest.overdue') : '',
      }),
    );
    const text = [
      t(l, 'notify.digest.intro', { timeZone: options.timeZone }),
      '',
      ...lines,
      ...(chosen.total > chosen.lines.length ? ['', t(l, 'notify.digest.more', { count: chosen.total - chosen.lines.length })] : []),
      '',
    ].join('\n');
    await options.mailer.send({
      to: [person.email],
      subject: t(l, 'notify.digest.subject', { date: p.day, count: chosen.records }),
      text,
      messageId: `<digest.${p.userId}.${p.day}@echobox>`,
    });
  };
}
