import type { Record as EchoRecord, Communication } from '../../shared/schemas/record';
import { fillTemplate } from '../../shared/domain/message-template';
import type { MessageTemplate } from '../../shared/schemas/message';

/** A message ready to send: subject and plain-text body. */
export interface RenderedMessage {
  subject: string;
  text: string;
}

/** Fill a template for one communication of a record; `statusUrl` is the signed status-page link. */
export function renderMessage(template: Pick<MessageTemplate, 'subject' | 'body'>, record: EchoRecord, communication: Communication, statusUrl: string): RenderedMessage {
  const values = {
    recordNumber: record.recordNumber,
    message: communication.message,
    version: communication.expectedVersion ?? '',
    statusUrl,
  };
  // Header folding is nodemailer's job, but a line break a company typed into a subject never reaches it.
  return { subject: fillTemplate(template.subject, values).replace(/[\r\n]+/g, ' '), text: fillTemplate(template.body, values) };
}
