import { sql } from 'drizzle-orm';
import { enqueue, type JobWriter } from '../jobs/queue';
import type { JobHandler } from '../jobs/runner';
import type { Mailer } from './mailer';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { newlyDecidedChangeRequests } from '../../shared/domain/change-request';
import { t } from '../../shared/i18n/t';
import { formatDateTime } from '../../shared/i18n/format-date';
import { isLocale, type Locale } from '../../shared/i18n/locale';

/** The job kind that tells a change request's filer it was approved or refused. */
export const CHANGE_REQUEST_DECIDED = 'change_request.decided';

/** What a `change_request.decided` job carries. */
export interface ChangeRequestDecidedPayload {
  recordId: string;
  requestId: string;
}

/**
 * Queue the filer's notice for every change request this change of a record decided, in `tx` (the
 * decision's own transaction). The dedupe key is the request: it is decided, and told, once.
 */
export async function queueChangeRequestNotices(tx: JobWriter, before: EchoRecord, after: EchoRecord, now: Date): Promise<void> {
  for (const request of newlyDecidedChangeRequests(before, after)) {
    const payload: ChangeRequestDecidedPayload = { recordId: after.id, requestId: request.id };
    await enqueue(tx, CHANGE_REQUEST_DECIDED, payload, { now, dedupeKey: `change-request-decided:${request.id}` });
  }
}

/** What the notice needs. */
export interface ChangeRequestNoticeOptions {
  /** Absent without ECHOBOX_SMTP_URL: then nothing is sent. */
  mailer?: Mailer;
  /** Language for people who chose none. */
  locale: Locale;
  timeZone: string;
  /** Where the console is, for the link in the e-mail. */
  consoleUrl: string;
}

/**
 * The `change_request.decided` job: e-mail the staff member who filed the request (the author of the
 * audit entry that added it), in their language, whether it was approved or refused. Nobody is told
 * of their own decision. The Message-ID names the request, the same on a retry.
 */
export function notifyChangeRequestDecided(options: ChangeRequestNoticeOptions): JobHandler {
  return async (raw, ctx) => {
    const p = raw as ChangeRequestDecidedPayload;
    if (!options.mailer) return;
    const rows = (
      (await ctx.db.execute(sql`
        SELECT r.doc, u.id AS filer_id, u.email, u.locale
        FROM records r
        JOIN LATERAL (
          SELECT a.actor_id FROM audit_entries a
          WHERE a.record_id = r.id AND a.action = 'change_request'
            AND a.after -> 'changeRequests' @> jsonb_build_array(jsonb_build_object('id', ${p.requestId}::text))
          ORDER BY a.id LIMIT 1
        ) filing ON true
        JOIN users u ON u.id = filing.actor_id AND NOT u.disabled
        WHERE r.id = ${p.recordId}`)) as unknown as { rows: { doc: EchoRecord; filer_id: string; email: string; locale: string | null }[] }
    ).rows;
    const row = rows[0];
    const request = row?.doc.changeRequests.find((r) => r.id === p.requestId);
    if (!row || !request || request.state === 'pending' || request.decidedBy?.id === row.filer_id) return;
    const l: Locale = isLocale(row.locale) ? row.locale : options.locale;
    const stage = request.state === 'approved' ? 'approved' : 'rejected';
    const params = {
      record: row.doc.recordNumber,
      filed: formatDateTime(new Date(request.filedAt), l, options.timeZone),
      decided: formatDateTime(new Date(request.decidedAt ?? ctx.now.toISOString()), l, options.timeZone),
      decidedBy: request.decidedBy?.name ?? '',
      reason: request.reason,
      plan: request.adjustedPlan,
      timeZone: options.timeZone,
      link: `${options.consoleUrl}/records/${row.doc.recordNumber}`,
    };
    await options.mailer.send({
      to: [row.email],
      subject: t(l, `notify.change_request.${stage}.subject`, params),
      text: t(l, `notify.change_request.${stage}.body`, params),
      messageId: `<change-request.${p.requestId}@echobox>`,
    });
  };
}
