import { and, eq, inArray } from 'drizzle-orm';
import { records, users } from '../db/schema';
import type { JobHandler } from '../jobs/runner';
import { emitEvent } from '../webhooks/events';
import type { Mailer } from './mailer';
import type { ReminderPayload } from './scheduler';
import { t } from '../../shared/i18n/t';
import { formatDateTime } from '../../shared/i18n/format-date';
import type { Locale } from '../../shared/i18n/locale';

/** What reminders need. */
export interface ReminderOptions {
  /** Absent without ECHOBOX_SMTP_URL: then only the webhook events go out. */
  mailer?: Mailer;
  locale: Locale;
  timeZone: string;
  /** Where the console is, for the link in each e-mail. */
  consoleUrl: string;
}

/**
 * The `reminder.notify` job: if the record still owes this obligation at this due instant, e-mail
 * the owner (due soon), or the owner and the department's reviewers (breached; due soon too when
 * nobody owns the record), then report obligation.due_soon / obligation.breached to webhooks in the
 * transaction that marks the job done. The e-mail is at least once, with a Message-ID built from
 * the job's dedupe key.
 */
export function notifyReminder(options: ReminderOptions): JobHandler {
  return async (raw, ctx) => {
    const p = raw as ReminderPayload;
    const [record] = await ctx.db
      .select({ id: records.id, number: records.recordNumber, department: records.department, ownerId: records.ownerId, dueAt: records.nextDueAt, kind: records.nextObligationKind, urgency: records.urgency, status: records.status })
      .from(records)
      .where(eq(records.id, p.recordId));
    // Met (or moved) since the scan: nothing to say.
    if (!record || record.kind !== p.kind || record.dueAt?.getTime() !== Date.parse(p.dueAt)) return;
    const reviewers = p.stage === 'breached' || !record.ownerId;
    const recipients = await ctx.db
      .select({ email: users.email })
      .from(users)
      .where(
        and(
          eq(users.disabled, false),
          reviewers
            ? inArray(users.id, ctx.db.select({ id: users.id }).from(users).where(and(eq(users.department, record.department), eq(users.role, 'reviewer'))))
            : eq(users.id, record.ownerId!),
        ),
      );
    const owner = record.ownerId && reviewers ? await ctx.db.select({ email: users.email }).from(users).where(and(eq(users.id, record.ownerId), eq(users.disabled, false))) : [];
    const to = [...new Set([...owner, ...recipients].map((r) => r.email))].sort();
    if (options.mailer && to.length > 0) {
      const l = options.locale;
      const params = {
        record: record.number,
        obligation: t(l, `obligation.kind.${p.kind}` as 'obligation.kind.response'),
        due: formatDateTime(new Date(p.dueAt), l, options.timeZone),
        timeZone: options.timeZone,
        department: record.department,
        link: `${options.consoleUrl}/records/${record.number}`,
      };
      const [subject, text] =
        p.stage === 'breached'
          ? [t(l, 'notify.reminder.breached.subject', params), t(l, 'notify.reminder.breached.body', params)]
          : [t(l, 'notify.reminder.due_soon.subject', params), t(l, 'notify.reminder.due_soon.body', params)];
      await options.mailer.send({ to, subject, text, messageId: `<reminder.${record.id}.${p.kind}.${Date.parse(p.dueAt)}.${p.stage}@echobox>` });
    }
    await ctx.complete(async (tx) => {
      await emitEvent(
        tx,
        {
          type: p.stage === 'breached' ? 'obligation.breached' : 'obligation.due_soon',
          timestamp: ctx.now.toISOString(),
          data: { recordId: record.id, recordNumber: record.number, department: record.department, status: record.status, urgency: record.urgency, ownerId: record.ownerId, obligation: p.kind, dueAt: p.dueAt },
        },
        `msg_${record.id}_${p.kind}_${Date.parse(p.dueAt)}_${p.stage}`,
        ctx.now,
      );
    });
  };
}
