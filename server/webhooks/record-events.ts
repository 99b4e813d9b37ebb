import type { Record as EchoRecord } from '../../shared/schemas/record';
import type { WebhookEvent } from '../../shared/schemas/webhook';

/** An event a record change reports, with the message id that names it for good. */
export interface RecordEvent {
  messageId: string;
  event: WebhookEvent;
}

/**
 * The webhook events one change of a record reports: screened (validity decided), assigned (a new
 * owner), status changed, satisfaction received. Message ids are built from the record and its new
 * version, so reporting the same change again yields the same ids.
 */
export function recordEvents(before: EchoRecord, after: EchoRecord, now: Date): RecordEvent[] {
  const base = {
    recordId: after.id,
    recordNumber: after.recordNumber,
    department: after.department,
    status: after.status,
    category: after.category,
    urgency: after.urgency ?? null,
  };
  const timestamp = now.toISOString();
  const id = (type: string) => `msg_${after.id}_v${after.version}_${type}`;
  const events: RecordEvent[] = [];
  if (before.validity === 'unscreened' && after.validity !== 'unscreened') {
    events.push({ messageId: id('screened'), event: { type: 'record.screened', timestamp, data: { ...base, validity: after.validity } } });
  }
  if (after.owner && after.owner.id !== before.owner?.id) {
    events.push({ messageId: id('assigned'), event: { type: 'record.assigned', timestamp, data: { ...base, ownerId: after.owner.id } } });
  }
  if (before.status !== after.status) {
    events.push({ messageId: id('status'), event: { type: 'record.status_changed', timestamp, data: { ...base, previousStatus: before.status } } });
  }
  if (after.satisfaction.length > before.satisfaction.length) {
    const latest = after.satisfaction.at(-1);
    events.push({
      messageId: id('satisfaction'),
      event: { type: 'satisfaction.received', timestamp, data: { ...base, ...(latest ? { score: latest.rating } : {}) } },
    });
  }
  return events;
}
