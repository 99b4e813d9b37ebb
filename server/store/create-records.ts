import { inArray, sql } from 'drizzle-orm';
import { queryPrepared, type Db } from '../db/open';
import { insertSealedContacts, type SealedContact, type VaultActor } from '../contacts/vault';
import { records } from '../db/schema';
import { canonicalHash } from './canonical-hash';
import { columnsOf, obligationColumns, obligationRows, searchTokens } from './record-columns';
import type { Author } from './records';
import { maskRecord } from '../../shared/domain/record-masking';
import { recordSequenceKey } from '../../shared/domain/record-number';
import { computeObligations } from '../../shared/domain/obligations';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';
import { CLOCK_SKEW_MS } from '../../shared/domain/submission-window';
import type { Record as EchoRecord, RecordInput } from '../../shared/schemas/record';

/** One item of a create call, with the widget facts that do not travel in the record body. */
export interface CreateItem {
  input: RecordInput;
  /** Who creates it, when items of several callers share one write (defaults to the context's). */
  author?: Author;
  createdBy?: string | null;
  /** Hash of the body exactly as the client sent it (idempotency); defaults to a hash of `input`. */
  bodyHash?: string;
  siteKeyId?: string;
  reporterKey?: string;
  /** The customer's consented contact, sealed for the vault: stored in the record's transaction. */
  contact?: SealedContact;
}

/** The answer for one created item (see the sync protocol in ARCHITECTURE.md). */
export type CreateResult =
  | { id: string; status: 'accepted' | 'duplicate'; recordNumber: string; version: number }
  | { id: string; status: 'rejected'; error: { code: 'idempotency_conflict' | 'validation_failed'; message: string } };

/** Settings that shape stored records. */
export interface StoreContext {
  now: Date;
  timeZone: string;
  author: Author;
  createdBy: string | null;
  /** Working-day calendar for the record's first obligations (default: mainland China's). */
  calendar?: WorkingDayCalendar;
}

/** A fresh stored record from its input and allocated number. */
export function newRecord(input: RecordInput, recordNumber: string, now: Date): EchoRecord {
  const at = now.toISOString();
  // The server's fields first and the input spread last: V8 then builds the object in one step,
  // where each property written after a spread costs about a microsecond (25 µs a record). The
  // input schema has none of these fields (shared/schemas/record.ts), so nothing is overwritten.
  return {
    recordNumber,
    status: 'pending_analysis',
    validity: 'unscreened',
    invalidReason: null,
    nature: null,
    urgency: null,
    dueAt: null,
    owner: null,
    responsibleDepartment: null,
    assessment: null,
    taskOrder: null,
    progress: [],
    changeRequests: [],
    communications: [],
    satisfaction: [],
    cycle: 1,
    result: null,
    mergedInto: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    // Masked again on the server: clients mask first, this is the net beneath (idempotent).
    ...maskRecord(input),
  };
}

/** A new record checked and serialised for the storing statement; its number is given when it is stored. */
export interface PreparedRecord {
  id: string;
  /** Idempotency hash of the body as the client sent it. */
  hash: string;
  /** The row for `insertNumbered`, as JSON. */
  json: string;
  /** The sealed contact stored with the record, who stored it and when. */
  contact?: { sealed: SealedContact; actor: VaultActor; at: Date };
}

/** An item that cannot be stored, answered without touching the database. */
type Refused = Extract<CreateResult, { status: 'rejected' }>;

/**
 * Check one item and build everything stored for it (masked document, columns, search words, audit
 * author) before any database work, so a caller can do this while another write is running.
 */
export function prepareRecord(item: CreateItem, ctx: StoreContext): PreparedRecord | Refused {
  const { input } = item;
  const recordedAt = new Date(input.recordedAt);
  if (recordedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
    return { id: input.id, status: 'rejected', error: { code: 'validation_failed', message: 'recordedAt is in the future; check the device clock.' } };
  }
  const key = recordSequenceKey(input.department, recordedAt, ctx.timeZone);
  if (!key.ok) return { id: input.id, status: 'rejected', error: { code: 'validation_failed', message: key.error.message } };
  // The document carries the number's prefix until the database completes it (see insertNumbered).
  const doc = newRecord(input, key.value.prefix, ctx.now);
  const c = columnsOf(doc);
  const calendar = ctx.calendar ?? CN_MAINLAND_CALENDAR;
  const obligations = computeObligations({ record: doc, audit: [] }, calendar, ctx.now);
  const next = obligationColumns(obligations);
  const author = item.author ?? ctx.author;
  const hash = item.bodyHash ?? canonicalHash(input);
  const row = {
    id: doc.id,
    department: key.value.department,
    day: key.value.date,
    prefix: key.value.prefix,
    status: c.status,
    validity: c.validity,
    category: c.category,
    source: c.source,
    channel: c.channel,
    nature: c.nature,
    urgency: c.urgency,
    priority: c.priority,
    initial_priority: c.initialPriority,
    customer_type: c.customerType,
    owner_id: c.ownerId,
    campaign_id: c.campaignId,
    merged_into: c.mergedInto,
    due_at: doc.dueAt,
    next_due_at: next.nextDueAt?.toISOString() ?? null,
    next_obligation_kind: next.nextObligationKind,
    obligations: obligationRows(obligations, calendar),
    recorded_at: doc.recordedAt,
    at: doc.createdAt,
    site_key_id: item.siteKeyId ?? null,
    reporter_key: item.reporterKey ?? null,
    created_by: item.createdBy !== undefined ? item.createdBy : ctx.createdBy,
    body_hash: hash,
    actor_id: author.id,
    actor_label: author.label,
    // The words of the prefix (department, date) are here; the database adds the sequence's.
    tokens: searchTokens(doc).join(' '),
    doc,
  };
  const contact = item.contact ? { contact: { sealed: item.contact, actor: author, at: ctx.now } } : {};
  return { id: doc.id, hash, json: JSON.stringify(row), ...contact };
}

/**
 * Store new records. Each item is idempotent by its client id: the same id with the same body
 * answers `duplicate` with the stored number, with another body `rejected` (idempotency_conflict).
 * The same id twice in one call is answered once, for both.
 */
export async function createRecords(db: Db, items: CreateItem[], ctx: StoreContext): Promise<CreateResult[]> {
  const results = new Map<string, CreateResult>();
  const ready: PreparedRecord[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.input.id)) continue;
    seen.add(item.input.id);
    const prepared = prepareRecord(item, ctx);
    if ('status' in prepared) results.set(prepared.id, prepared);
    else ready.push(prepared);
  }
  for (const result of await storeRecords(db, ready)) results.set(result.id, result);
  return items.map((item) => results.get(item.input.id) as CreateResult);
}

/**
 * Store prepared records (distinct ids), answering each in order. Numbers come from per-department
 * daily counters incremented in the storing statement, so they are unique and gap-free across
 * processes: a failed statement rolls its numbers back.
 *
 * The first attempt is optimistic (most ids are new). An id that is already stored (a retry, or
 * another process storing it meanwhile) fails the whole statement, so no number is burnt, and the
 * next attempt first looks the stored ids up and answers them as duplicates or conflicts.
 */
export async function storeRecords(db: Db, prepared: PreparedRecord[]): Promise<CreateResult[]> {
  const results = new Map<string, CreateResult>();
  let fresh = prepared;
  for (let attempt = 0; fresh.length > 0; attempt++) {
    if (attempt > 0) {
      const existing = await db
        .select({ id: records.id, bodyHash: records.bodyHash, recordNumber: records.recordNumber, version: records.version })
        .from(records)
        .where(inArray(records.id, fresh.map((r) => r.id)));
      const byId = new Map(existing.map((row) => [row.id, row]));
      for (const { id, hash } of fresh) {
        const found = byId.get(id);
        if (!found) continue;
        results.set(
          id,
          found.bodyHash === hash
            ? { id, status: 'duplicate', recordNumber: found.recordNumber, version: found.version }
            : {
                id,
                status: 'rejected',
                error: { code: 'idempotency_conflict', message: `Record ${found.recordNumber} already exists with this id and different content.` },
              },
        );
      }
      fresh = fresh.filter((r) => !byId.has(r.id));
      if (fresh.length === 0) break;
    }
    try {
      for (const r of await insertNumbered(db, fresh)) results.set(r.id, r);
      break;
    } catch (error) {
      // Another process stored one of these ids after the check: the statement failed whole (no
      // number is burnt); the ids now exist and are answered as duplicates or conflicts.
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
  return prepared.map((r) => results.get(r.id) as CreateResult);
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * One call stores new records (`echobox_store_records`, migration 0004): it reserves a block of
 * numbers per department and day, inserts the records with their numbers and appends their audit
 * entries, copying each document inside the database. One statement is one round trip and holds
 * the counters' row locks for the shortest time; it succeeds or fails whole, so numbers stay
 * gap-free. The store's tests hold the numbers it spells to formatRecordNumber.
 */
async function insertNumbered(db: Db, rows: PreparedRecord[]): Promise<CreateResult[]> {
  const json = `[${rows.map((r) => r.json).join(',')}]`;
  const withContact = rows.flatMap((r) => (r.contact ? [{ recordId: r.id, ...r.contact }] : []));
  const stored =
    withContact.length === 0
      ? await queryPrepared<{ id: string; record_number: string }>(
          db,
          'echobox_store_records',
          'SELECT stored_id AS id, stored_number AS record_number FROM echobox_store_records($1::jsonb)',
          [json],
        )
      : // A consented contact is stored in the records' transaction: a record never exists without
        // it, nor it without the record (a failed vault insert rolls the numbers back too).
        await db.transaction(async (tx) => {
          const result = (await tx.execute(
            sql`SELECT stored_id AS id, stored_number AS record_number FROM echobox_store_records(${json}::jsonb)`,
          )) as unknown as { rows: { id: string; record_number: string }[] };
          await insertSealedContacts(tx, withContact);
          return result.rows;
        });
  return stored.map((row) => ({ id: row.id, status: 'accepted', recordNumber: row.record_number, version: 1 }));
}
