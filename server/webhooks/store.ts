import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { auditEntries, jobs, webhookDeliveries, webhookEndpoints } from '../db/schema';
import { enqueue, type JobWriter } from '../jobs/queue';
import { WEBHOOK_DELIVER, deliveryJobKey, type DeliverPayload } from './events';
import { WEBHOOK_TEST_EVENT, type WebhookCreate, type WebhookDelivery, type WebhookEventType, type WebhookFormat, type WebhookUpdate, type WebhookView } from '../../shared/schemas/webhook';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint as the API shows it: never the secret, only whether deliveries are signed. */
export const endpointView = (row: EndpointRow): WebhookView => ({
  id: row.id,
  name: row.name,
  url: row.url,
  format: row.format as WebhookFormat,
  events: row.events as WebhookEventType[],
  active: row.active,
  signed: row.secret !== '',
  createdAt: row.createdAt.toISOString(),
});

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** Store a new endpoint; answers its row and, for standard endpoints, the secret made for it. */
export async function createEndpoint(db: Db, input: WebhookCreate, createdBy: string, now: Date) {
  const secret = input.format === 'standard' ? newSecret() : (input.secret ?? '');
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ id: uuidv7(), name: input.name, url: input.url, format: input.format, events: input.events, secret, createdBy, createdAt: now })
    .returning();
  return { row: row as EndpointRow, secret: input.format === 'standard' ? secret : null };
}

/** Every endpoint, oldest first. */
export const listEndpoints = (db: Db) => db.select().from(webhookEndpoints).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);

/** One endpoint, or undefined. */
export async function getEndpoint(db: Db, id: string): Promise<EndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

/** Change an endpoint; undefined when there is none. */
export async function updateEndpoint(db: Db, id: string, patch: WebhookUpdate): Promise<EndpointRow | undefined> {
  const [row] = await db.update(webhookEndpoints).set(patch).where(eq(webhookEndpoints.id, id)).returning();
  return row;
}

/** Remove an endpoint (its queued deliveries then finish without sending); false when there is none. */
export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Append one attempt to the delivery log (in the job's completing transaction when it succeeded). */
export async function logDelivery(tx: JobWriter, entry: Omit<typeof webhookDeliveries.$inferInsert, 'id'>): Promise<void> {
  await tx.insert(webhookDeliveries).values(entry);
}

/**
 * An endpoint's delivery log, most recent first. A failed attempt whose job is queued again after
 * it carries that job's due time, so an admin sees when the next try comes.
 */
export async function listDeliveries(db: Db, endpointId: string, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db
    .select({ log: webhookDeliveries, retryAt: jobs.runAt })
    .from(webhookDeliveries)
    .leftJoin(
      jobs,
      and(
        eq(jobs.dedupeKey, sql`'webhook:' || ${webhookDeliveries.endpointId} || ':' || ${webhookDeliveries.messageId}`),
        eq(jobs.state, 'queued'),
        eq(jobs.attempts, webhookDeliveries.attempt),
        eq(webhookDeliveries.outcome, 'failed'),
      ),
    )
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map(({ log: r, retryAt }) => ({
    id: r.id,
    messageId: r.messageId,
    eventType: r.eventType,
    attempt: r.attempt,
    at: r.at.toISOString(),
    outcome: r.outcome as 'delivered' | 'failed',
    statusCode: r.statusCode,
    error: r.error,
    nextAttemptAt: retryAt ? retryAt.toISOString() : null,
  }));
}

/**
 * Queue a test event to one endpoint through the same job and delivery path as real events, and
 * write who asked for it to the audit trail (under the endpoint's id), in one transaction.
 */
export async function queueTestEvent(db: Db, endpointId: string, messageId: string, actor: { id: string; label: string }, now: Date): Promise<void> {
  const payload: DeliverPayload = { endpointId, messageId, event: { type: WEBHOOK_TEST_EVENT, timestamp: now.toISOString(), data: {} } };
  await db.transaction(async (tx) => {
    await enqueue(tx, WEBHOOK_DELIVER, payload, { now, dedupeKey: deliveryJobKey(endpointId, messageId) });
    await tx.insert(auditEntries).values({ recordId: endpointId, actorId: actor.id, actorLabel: actor.label, action: 'webhook:test', at: now, before: null, after: null });
  });
}
