import type { JobHandlers } from './runner';
import type { Locale } from '../../shared/i18n/locale';
import { WEBHOOK_DELIVER } from '../webhooks/events';
import { deliverWebhook } from '../webhooks/deliver';
import type { Mailer } from '../notifications/mailer';
import { notifyReminder } from '../notifications/reminder';
import { REMINDER_NOTIFY } from '../notifications/scheduler';
import { DIGEST_SEND, sendDigest } from '../notifications/digest';
import { CHANGE_REQUEST_DECIDED, notifyChangeRequestDecided } from '../notifications/change-request-decided';
import { deliverCustomerMessage, type DeliveryDeps } from '../messages/deliver';
import { OBLIGATIONS_RESTAMP, restampJob } from '../calendar-restamp';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';

/** The job kind that sends one queued e-mail to a customer (server/messages). */
export const CUSTOMER_MESSAGE_DELIVER = 'customer_message.deliver';

/** What the built-in job kinds need from the outside world. */
export interface JobKindDeps {
  /** Language of staff notifications and team-chat messages. */
  notifyLocale: Locale;
  /** Sends e-mail (staff and customers); absent without ECHOBOX_SMTP_URL. */
  mailer?: Mailer;
  /** Company time zone, for the times in e-mails. */
  timeZone: string;
  /** The console's address, for links in e-mails. */
  consoleUrl: string;
  /** Webhooks may go to private addresses and plain http (ECHOBOX_WEBHOOK_ALLOW_PRIVATE=1). */
  webhookAllowPrivate?: boolean;
  /** What customer e-mails are sent with; absent, the kind is not run. */
  customerMessages?: DeliveryDeps;
  /** The active working-day calendar as stored now; absent, deadlines are not counted again after a calendar change. */
  activeCalendar?: () => Promise<WorkingDayCalendar>;
}

/**
 * Every job kind the server runs, by name. Adding a kind is one line here: a name and a handler
 * (`(payload, ctx) => Promise<void>`; call `ctx.complete(tx => …)` for local writes that must happen once).
 */
export function jobHandlers(deps: JobKindDeps): JobHandlers {
  return {
    [WEBHOOK_DELIVER]: deliverWebhook({ locale: deps.notifyLocale, allowPrivate: deps.webhookAllowPrivate ?? false }),
    [REMINDER_NOTIFY]: notifyReminder({ mailer: deps.mailer, locale: deps.notifyLocale, timeZone: deps.timeZone, consoleUrl: deps.consoleUrl }),
    [DIGEST_SEND]: sendDigest({ mailer: deps.mailer, locale: deps.notifyLocale, timeZone: deps.timeZone }),
    [CHANGE_REQUEST_DECIDED]: notifyChangeRequestDecided({ mailer: deps.mailer, locale: deps.notifyLocale, timeZone: deps.timeZone, consoleUrl: deps.consoleUrl }),
    ...(deps.customerMessages ? { [CUSTOMER_MESSAGE_DELIVER]: deliverCustomerMessageJob(deps.customerMessages) } : {}),
    ...(deps.activeCalendar ? { [OBLIGATIONS_RESTAMP]: restampJob({ activeCalendar: deps.activeCalendar }) } : {}),
  };
}

/**
 * Sends one customer e-mail. The message row is claimed before sending and settled after (sent, or
 * failed with the reason, retried by hand), so a job run twice sends it once.
 */
function deliverCustomerMessageJob(deps: DeliveryDeps) {
  return async (payload: unknown): Promise<void> => {
    const messageId = (payload as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId !== 'string') throw new Error('customer_message.deliver: payload without messageId');
    await deliverCustomerMessage(deps, messageId);
  };
}
