import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { customerMessages } from '../db/schema';
import type { CustomerMessage, MessageState } from '../../shared/schemas/message';
import type { CommunicationKind } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/schemas/common';

type Row = typeof customerMessages.$inferSelect;

/** A stored message as the API shows it. */
export const toCustomerMessage = (row: Row): CustomerMessage => ({
  id: row.id,
  recordId: row.recordId,
  communicationId: row.communicationId,
  kind: row.kind as CommunicationKind,
  locale: row.locale as Locale,
  state: row.state as MessageState,
  reason: row.reason,
  subject: row.subject,
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

/** Insert a message for a communication unless it has one; returns the new row, or undefined. */
export async function insertMessage(
  db: Db,
  input: { recordId: string; communicationId: string; kind: CommunicationKind; locale: Locale; state: MessageState; reason: string | null; subject: string; now: Date },
): Promise<Row | undefined> {
  const [row] = await db
    .insert(customerMessages)
    .values({ id: uuidv7(), ...input, createdAt: input.now })
    .onConflictDoNothing({ target: customerMessages.communicationId })
    .returning();
  return row;
}

/** The messages of a record, oldest first. */
export async function messagesOf(db: Db, recordId: string): Promise<CustomerMessage[]> {
  const rows = await db.select().from(customerMessages).where(eq(customerMessages.recordId, recordId)).orderBy(asc(customerMessages.createdAt), asc(customerMessages.id));
  return rows.map(toCustomerMessage);
}

/** One message by id. */
export async function findMessage(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(customerMessages).where(eq(customerMessages.id, id));
  return row;
}

/**
 * Take a queued (or failed, to retry) message for sending: only one caller gets it, however many try
 * at once, so a message is never sent twice by two deliverers.
 */
export async function claimMessage(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db
    .update(customerMessages)
    .set({ state: 'sending', reason: null, attempts: sql`${customerMessages.attempts} + 1` })
    .where(and(eq(customerMessages.id, id), inArray(customerMessages.state, ['queued', 'failed'])))
    .returning();
  return row;
}

/** Record how a send ended. */
export async function settleMessage(
  db: Db,
  id: string,
  outcome: { state: 'sent' | 'failed' | 'manual'; reason: string | null; subject?: string; at: Date },
): Promise<void> {
  await db
    .update(customerMessages)
    .set({
      state: outcome.state,
      reason: outcome.reason,
      ...(outcome.subject ? { subject: outcome.subject } : {}),
      ...(outcome.state === 'sent' ? { sentAt: outcome.at } : {}),
    })
    .where(eq(customerMessages.id, id));
}

/** Put a failed message back in the queue (a person asked to retry). */
export async function requeueMessage(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db
    .update(customerMessages)
    .set({ state: 'queued', reason: null })
    .where(and(eq(customerMessages.id, id), eq(customerMessages.state, 'failed')))
    .returning();
  return row;
}

/** Messages still waiting to be sent (after a restart, say), oldest first. */
export async function queuedMessageIds(db: Db, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: customerMessages.id })
    .from(customerMessages)
    .where(eq(customerMessages.state, 'queued'))
    .orderBy(asc(customerMessages.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
