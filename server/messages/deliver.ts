import type { Deps } from '../context';
import type { Mailer } from '../notifications/mailer';
import { getRecord } from '../store/records';
import { contactForDelivery } from '../contacts/vault';
import { issueStatusLink } from '../status-page/links';
import { claimMessage, findMessage, settleMessage } from './store';
import { templateFor } from './templates';
import { renderMessage } from './render';
import { maskText } from '../../shared/domain/masking';
import type { CommunicationKind } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/schemas/common';
import type { MessageState } from '../../shared/schemas/message';

/**
 * What delivering needs: the database, the clock, settings (vault keys, status links) and the
 * process's one pooled mailer (absent without ECHOBOX_SMTP_URL: messages stay "to send by hand").
 */
export type DeliveryDeps = Pick<Deps, 'db' | 'now' | 'config'> & { mailer: Mailer | undefined };

/** The status-page address a token opens. */
export const statusUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/status/${token}`;

/**
 * Why a send failed, fit for the record's message list: the SMTP error's code and reply code and
 * its first line with any address masked (servers quote the recipient back).
 */
function failureReason(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const head = [typeof e.code === 'string' ? e.code : 'send_failed', typeof e.responseCode === 'number' ? String(e.responseCode) : '']
    .filter(Boolean)
    .join(' ');
  const line = String(typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : '').split('\n')[0] ?? '';
  const masked = maskText(line.slice(0, 200));
  return masked.ok && masked.value ? `${head}: ${masked.value}` : head;
}

/**
 * Send one queued customer e-mail (the jobs queue runs this as a job kind): render it in the
 * customer's language from the company's template, with a fresh signed status-page link, send it
 * through nodemailer, and record sent or failed with the reason. Idempotent: a message already sent
 * (or being sent by another caller) is not sent again. Returns the message's state afterwards.
 */
export async function deliverCustomerMessage(deps: DeliveryDeps, messageId: string): Promise<MessageState | null> {
  const { db, config } = deps;
  const claimed = await claimMessage(db, messageId);
  if (!claimed) return ((await findMessage(db, messageId))?.state as MessageState | undefined) ?? null;
  const settle = async (state: 'sent' | 'failed' | 'manual', reason: string | null, subject?: string) => {
    await settleMessage(db, messageId, { state, reason, at: deps.now(), ...(subject ? { subject } : {}) });
    return state;
  };
  if (!deps.mailer) return settle('manual', 'smtp_not_configured');
  if (config.contactKeys === null) return settle('failed', 'vault_key_missing');
  const stored = await getRecord(db, claimed.recordId);
  const communication = stored?.doc.communications.find((c) => c.id === claimed.communicationId);
  if (!stored || !communication) return settle('failed', 'communication_missing');
  const contact = await contactForDelivery(db, config.contactKeys, claimed.recordId);
  if (!contact?.contact.email) return settle('failed', 'no_consented_email');
  const template = await templateFor(db, claimed.kind as CommunicationKind, claimed.locale as Locale);
  const token = await issueStatusLink(db, claimed.recordId, deps.now(), config.mail.statusLinkDays);
  const rendered = renderMessage(template, stored.doc, communication, statusUrl(config.mail.publicUrl, token));
  try {
    await deps.mailer.send({
      to: [contact.contact.email],
      subject: rendered.subject,
      text: rendered.text,
      messageId: `<customer-message.${messageId}@echobox>`,
      headers: { 'Content-Language': claimed.locale },
    });
  } catch (error) {
    return settle('failed', failureReason(error), rendered.subject);
  }
  return settle('sent', null, rendered.subject);
}
