import { and, eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '../db/schema';
import { enqueue, type JobWriter } from '../jobs/queue';
import type { WebhookEvent } from '../../shared/schemas/webhook';

/** The job kind that delivers one event to one endpoint. */
export const WEBHOOK_DELIVER = 'webhook.deliver';

/** The dedupe key of the job delivering one message to one endpoint (the delivery log finds its retry by it too). */
export const deliveryJobKey = (endpointId: string, messageId: string) => `webhook:${endpointId}:${messageId}`;

/** What a `webhook.deliver` job carries. */
export interface DeliverPayload {
  endpointId: string;
  /** The Standard Webhooks message id: the same on every retry, so receivers drop repeats. */
  messageId: string;
  event: WebhookEvent;
}

/**
 * Queue `event` for every active endpoint subscribed to its type, in `tx` (the transaction of the
 * change the event reports). `messageId` must be the same whenever the same change is reported: it
 * is the dedupe key per endpoint and the id receivers see.
 */
export async function emitEvent(tx: JobWriter, event: WebhookEvent, messageId: string, now: Date): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.active, true), sql`${webhookEndpoints.events} ? ${event.type}`));
  for (const endpoint of endpoints) {
    const payload: DeliverPayload = { endpointId: endpoint.id, messageId, event };
    await enqueue(tx, WEBHOOK_DELIVER, payload, { now, dedupeKey: deliveryJobKey(endpoint.id, messageId) });
  }
  return endpoints.length;
}
