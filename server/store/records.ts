import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/open';
import { auditEntries, recordObligations, records } from '../db/schema';
import { problem } from '../errors';
import { queryTsquery } from './search-tokens';
import { columnsOf, doneColumns, obligationColumns, obligationRows, searchVector } from './record-columns';
import { hasObligationSql } from '../reports/obligation-state';
import { hasRatingSql } from '../reports/rating-match';
import { completedSql } from '../reports/completed';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { emitEvent } from '../webhooks/events';
import { recordEvents } from '../webhooks/record-events';
import { queueChangeRequestNotices } from '../notifications/change-request-decided';
import type { NextObligation, Obligation, ObligationKind } from '../../shared/schemas/obligation';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import type { ReminderHorizon } from '../../shared/domain/reminders';
import { computeObligations } from '../../shared/domain/obligations';
import type { RecordListQuery, RecordSort } from '../../shared/schemas/record-query';
import { isStorableInstant } from '../../shared/schemas/storable';
import { RECORD_NUMBER_PATTERN } from '../../shared/domain/record-number';
import { endOfLocalDay, startOfLocalDay } from '../../shared/domain/time-zone';

/** Who a write is done for, written into the audit trail. */
export interface Author {
  id: string | null;
  label: string;
}

const nextChangeSeq = sql`nextval('record_change_seq')`;

/** A stored record and the facts kept beside it. */
export interface StoredRecord {
  doc: EchoRecord;
  createdBy: string | null;
  reporterKey: string | null;
  siteKeyId: string | null;
  changeSeq: number;
}

const storedColumns = {
  doc: records.doc,
  createdBy: records.createdBy,
  reporterKey: records.reporterKey,
  siteKeyId: records.siteKeyId,
  changeSeq: records.changeSeq,
};

/** One record by id, or undefined. */
export async function getRecord(db: Db, id: string): Promise<StoredRecord | undefined> {
  const [row] = await db.select(storedColumns).from(records).where(eq(records.id, id));
  return row as StoredRecord | undefined;
}

/** One record by its number (`CS-20240520-002`), or undefined. */
export async function getRecordByNumber(db: Db, recordNumber: string): Promise<StoredRecord | undefined> {
  const [row] = await db.select(storedColumns).from(records).where(eq(records.recordNumber, recordNumber));
  return row as StoredRecord | undefined;
}

/** Records merged into this one as duplicates: the other requesters of the same need. */
export async function duplicatesOf(db: Db, id: string): Promise<EchoRecord[]> {
  const rows = await db.select({ doc: records.doc }).from(records).where(eq(records.mergedInto, id)).orderBy(asc(records.createdAt));
  return rows.map((r) => r.doc as EchoRecord);
}

/**
 * How many requesters each record has after merges (DOMAIN.md §12): itself plus the records merged
 * into it, by id; one grouped read over the merged-into index for a whole list page.
 */
export async function requesterCounts(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(ids.map((id) => [id, 1]));
  if (ids.length === 0) return counts;
  const rows = await db
    .select({ id: records.mergedInto, n: sql<number>`count(*)::int` })
    .from(records)
    .where(inArray(records.mergedInto, [...ids]))
    .groupBy(records.mergedInto);
  for (const row of rows) if (row.id) counts.set(row.id, 1 + Number(row.n));
  return counts;
}

/** A widget reporter's records merged into others, each with the surviving record it now follows. */
export async function mergedRequests(
  db: Db,
  reporterKeys: string[],
  siteKeyId: string,
): Promise<Array<{ requester: EchoRecord; survivor: EchoRecord }>> {
  const survivors = alias(records, 'survivors');
  const rows = await db
    .select({ requester: records.doc, survivor: survivors.doc })
    .from(records)
    .innerJoin(survivors, eq(survivors.id, records.mergedInto))
    .where(and(inArray(records.reporterKey, reporterKeys.length ? reporterKeys : ['-']), eq(records.siteKeyId, siteKeyId)));
  return rows.map((r) => ({ requester: r.requester as EchoRecord, survivor: r.survivor as EchoRecord }));
}

/** Store a record's obligations as its `record_obligations` rows, in place of the ones it had. */
export async function replaceObligationRows(tx: Pick<Db, 'delete' | 'insert'>, recordId: string, obligations: readonly Obligation[], calendar: WorkingDayCalendar) {
  await tx.delete(recordObligations).where(eq(recordObligations.recordId, recordId));
  const rows = obligationRows(obligations, calendar);
  if (rows.length === 0) return;
  await tx
    .insert(recordObligations)
    .values(rows.map((o) => ({ ...o, recordId, startsAt: new Date(o.startsAt), dueAt: new Date(o.dueAt), metAt: o.metAt === null ? null : new Date(o.metAt) })));
}

/** The audit trail of a record, oldest first (also inside a transaction). */
export async function auditTrail(db: Pick<Db, 'select'>, recordId: string) {
  const rows = await db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.recordId, recordId))
    .orderBy(asc(auditEntries.id));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actor: { id: r.actorId, label: r.actorLabel },
    at: r.at.toISOString(),
    before: r.before,
    after: r.after,
  }));
}

/** What a mutation returns: the new document, or an error to refuse the change with. */
export type Mutation = (current: StoredRecord) => EchoRecord | Promise<EchoRecord>;

/** Only the top-level fields that differ, for a compact audit entry. */
function diff(before: EchoRecord, after: EchoRecord) {
  const b: { [key: string]: unknown } = {};
  const a: { [key: string]: unknown } = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'version' || key === 'updatedAt') continue;
    const x = (before as unknown as { [key: string]: unknown })[key];
    const y = (after as unknown as { [key: string]: unknown })[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[key] = x ?? null;
      a[key] = y ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * Change a record under a row lock: check the expected version (409 version_conflict with the current
 * record when stale), apply the mutation, bump version and change cursor, and append an audit entry.
 */
export async function updateRecord(
  db: Db,
  id: string,
  action: string,
  mutate: Mutation,
  ctx: { now: Date; author: Author; calendar: WorkingDayCalendar; expectedVersion?: number },
): Promise<{ doc: EchoRecord; obligations: Obligation[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select(storedColumns).from(records).where(eq(records.id, id)).for('update');
    if (!row) throw problem('not_found', { detail: 'The record was not found.' });
    const current = row as StoredRecord;
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.doc.version) {
      throw problem('version_conflict', { detail: 'The record was changed by someone else. Review the current version.', current: current.doc });
    }
    const next = await mutate(current);
    const doc: EchoRecord = { ...next, version: current.doc.version + 1, updatedAt: ctx.now.toISOString() };
    const change = diff(current.doc, doc);
    const audit = await auditTrail(tx, id);
    if (Object.keys(change.after).length === 0) {
      return { doc: current.doc, obligations: computeObligations({ record: current.doc, audit }, ctx.calendar, ctx.now) };
    }
    audit.push({ id: 0, action, actor: { id: ctx.author.id, label: ctx.author.label }, at: ctx.now.toISOString(), ...change });
    const obligations = computeObligations({ record: doc, audit }, ctx.calendar, ctx.now);
    await tx
      .update(records)
      .set({
        ...columnsOf(doc),
        ...obligationColumns(obligations),
        ...doneColumns(doc, audit, ctx.calendar),
        // SQL expressions where drizzle's inferred types say string and number.
        search: searchVector(doc) as unknown as string,
        changeSeq: nextChangeSeq as unknown as number,
        changeXid: sql`pg_current_xact_id()` as unknown as string,
        doc,
      })
      .where(eq(records.id, id));
    // The dashboard's rows follow the record's obligations exactly (same transaction).
    await replaceObligationRows(tx, id, obligations, ctx.calendar);
    await tx.insert(auditEntries).values({
      recordId: id,
      actorId: ctx.author.id,
      actorLabel: ctx.author.label,
      action,
      at: ctx.now,
      before: change.before,
      after: change.after,
    });
    // Webhook deliveries commit with the change they report, or not at all.
    for (const { event, messageId } of recordEvents(current.doc, doc, ctx.now)) await emitEvent(tx, event, messageId, ctx.now);
    // Likewise the filer's notice of a change request decided here.
    await queueChangeRequestNotices(tx, current.doc, doc, ctx.now);
    return { doc, obligations };
  });
}

/** One page of the record list; `next[i]` is the obligation `items[i]` owes first. */
export interface RecordPage {
  items: EchoRecord[];
  next: (NextObligation | null)[];
  nextCursor: string | null;
}

type CursorValue = [string | null, string];

function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a cursor's sort key is one `listRecords` can have written for `sort` (a forged one reaches no query). */
function isSortKey(value: unknown, sort: (typeof SORTS)[RecordSort]): boolean {
  if (value === null) return sort.nullable === true;
  if (typeof value !== 'string') return false;
  if (sort.kind === 'text') return RECORD_NUMBER_PATTERN.test(value);
  return INSTANT.test(value) && isStorableInstant(value) && new Date(value).toISOString() === value;
}

/**
 * Read a list cursor, checking every part against what this server writes for the sort: cursors
 * carry no authority (they only resume a query the caller may run anyway), so full validation is
 * enough and they stay valid across restarts and instances without a shared secret.
 */
function decodeCursor(cursor: string, sort: (typeof SORTS)[RecordSort]): CursorValue {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && UUID.test(value[1]) && isSortKey(value[0], sort)) {
      return value as CursorValue;
    }
  } catch {
    // fall through to the error below
  }
  throw problem('validation_failed', { detail: 'The cursor is not one this server issued.', errors: [{ path: ['cursor'], code: 'invalid_cursor', message: 'Use nextCursor from the previous page.' }] });
}

type SortColumn = typeof records.createdAt | typeof records.recordNumber | typeof records.dueAt | typeof records.nextDueAt | typeof records.updatedAt;
const SORTS: { [K in RecordSort]: { column: SortColumn; dir: 'asc' | 'desc'; kind: 'time' | 'text'; nullable?: true; nulls?: 'first' } } = {
  created_desc: { column: records.createdAt, dir: 'desc', kind: 'time' },
  created_asc: { column: records.createdAt, dir: 'asc', kind: 'time', nulls: 'first' },
  updated_desc: { column: records.updatedAt, dir: 'desc', kind: 'time' },
  due_asc: { column: records.dueAt, dir: 'asc', kind: 'time', nullable: true },
  next_due_asc: { column: records.nextDueAt, dir: 'asc', kind: 'time', nullable: true },
  number_asc: { column: records.recordNumber, dir: 'asc', kind: 'text' },
};

/**
 * A range bound of the list's filters (`from`, `to`, `obligationDueFrom`…): a bare day is the
 * company's day in `timeZone` (from its first instant; `to` up to the first instant after it), any
 * other value the instant it names. A Shanghai day begins at 16:00 UTC the day before.
 */
export function dayBound(value: string, end: boolean, timeZone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const bound = end ? endOfLocalDay(value, timeZone) : startOfLocalDay(value, timeZone);
    if (bound.ok) return new Date(bound.value.getTime() + (end ? 1 : 0));
    throw problem('validation_failed', { detail: `${value} is not a day of the calendar.` });
  }
  return new Date(value);
}

/**
 * What the list's filters are evaluated against: the clock, the caller (`owner=me`) and, for
 * `dueSoon`, the reminder horizon at `now` (server/records/list-context.ts computes it).
 */
export interface ListContext {
  now: Date;
  actorId: string;
  /** The company's zone: bare days in the filters are its days. */
  timeZone: string;
  horizon?: ReminderHorizon;
}

/** The list's filters and search, plus a hand-picked set of ids (a selection's ledger export). */
export type RecordFilterQuery = Omit<RecordListQuery, 'cursor' | 'limit' | 'sort'> & { ids?: readonly string[] };

/** The conditions of the record list's filters and search (everything but cursor, sort and limit). */
export function recordFilter(query: RecordFilterQuery, ctx: ListContext): SQL[] {
  const where: SQL[] = [];
  if (query.ids) where.push(inArray(records.id, [...query.ids]));
  if (query.status) where.push(inArray(records.status, query.status));
  if (query.validity) where.push(inArray(records.validity, query.validity));
  if (query.nature) where.push(inArray(records.nature, query.nature));
  if (query.urgency) where.push(inArray(records.urgency, query.urgency));
  if (query.priority) where.push(inArray(records.priority, query.priority));
  if (query.source) where.push(inArray(records.source, query.source));
  if (query.category) where.push(inArray(records.category, query.category));
  if (query.customerType) where.push(inArray(records.customerType, query.customerType));
  if (query.department) where.push(inArray(records.department, query.department));
  if (query.owner === 'none') where.push(isNull(records.ownerId));
  else if (query.owner === 'me') where.push(eq(records.ownerId, ctx.actorId));
  else if (query.owner) where.push(eq(records.ownerId, query.owner));
  if (query.campaignId) where.push(eq(records.campaignId, query.campaignId));
  if (query.from) where.push(sql`${records.createdAt} >= ${dayBound(query.from, false, ctx.timeZone).toISOString()}`);
  if (query.to) where.push(sql`${records.createdAt} < ${dayBound(query.to, true, ctx.timeZone).toISOString()}`);
  // Overdue: an unmet obligation past its due instant (DOMAIN.md §12); the earliest one is stored.
  if (query.overdue === 'true') where.push(lt(records.nextDueAt, ctx.now));
  else if (query.overdue === 'false') where.push(or(isNull(records.nextDueAt), gte(records.nextDueAt, ctx.now)) as SQL);
  if (query.dueSoon) {
    if (!ctx.horizon) throw new Error('dueSoon needs the reminder horizon in the list context');
    // The reminders' window (shared/domain/reminders.ts), not yet breached: the same records staff are told about.
    const soon = and(
      gte(records.nextDueAt, ctx.now),
      sql`${records.nextDueAt} <= (CASE WHEN ${records.urgency} = 'urgent' THEN ${ctx.horizon.urgent.toISOString()} ELSE ${ctx.horizon.other.toISOString()} END)::timestamptz`,
    ) as SQL;
    where.push(query.dueSoon === 'true' ? soon : (or(isNull(records.nextDueAt), sql`NOT (${soon})`) as SQL));
  }
  if (query.obligation) where.push(inArray(records.nextObligationKind, query.obligation));
  if (query.satisfaction) where.push(inArray(records.satisfaction, query.satisfaction));
  if (query.obligationState || query.obligationKind || query.obligationDueFrom || query.obligationDueTo) {
    where.push(
      hasObligationSql(
        {
          ...(query.obligationState ? { states: query.obligationState } : {}),
          ...(query.obligationKind ? { kinds: query.obligationKind } : {}),
          ...(query.obligationDueFrom ? { dueFrom: dayBound(query.obligationDueFrom, false, ctx.timeZone) } : {}),
          ...(query.obligationDueTo ? { dueTo: dayBound(query.obligationDueTo, true, ctx.timeZone) } : {}),
        },
        ctx.now,
      ),
    );
  }
  if (query.rating || query.ratedFrom || query.ratedTo) {
    where.push(
      hasRatingSql({
        ...(query.rating ? { ratings: query.rating } : {}),
        ...(query.ratedFrom ? { from: dayBound(query.ratedFrom, false, ctx.timeZone) } : {}),
        ...(query.ratedTo ? { to: dayBound(query.ratedTo, true, ctx.timeZone) } : {}),
      }),
    );
  }
  if (query.completed) where.push(completedSql(query.completed === 'true'));
  if (query.includeMerged !== 'true') where.push(isNull(records.mergedInto));
  if (query.q) {
    const tsquery = queryTsquery(query.q);
    if (tsquery) where.push(sql`${records.search} @@ ${tsquery}::tsquery`);
  }
  return where;
}

/** How many records match the list's filters and search (the whole filtered set, for bulk progress). */
export async function countRecords(db: Db, query: RecordFilterQuery, ctx: ListContext): Promise<number> {
  const where = recordFilter(query, ctx);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(records).where(where.length ? and(...where) : undefined);
  return Number(row?.n ?? 0);
}

/**
 * The select of one list page (filters, search, keyset cursor, the sort's index order, one row beyond
 * the limit to tell whether another page follows), the page's size, the sort column, and how to write
 * the cursor that resumes after a row (`key` as the driver gave it: a Date, or a timestamp's text).
 */
export function recordPageSelect(
  db: Db,
  query: RecordListQuery & Pick<RecordFilterQuery, 'ids'>,
  ctx: ListContext,
) {
  const where = recordFilter(query, ctx);
  const sort = SORTS[query.sort ?? 'created_desc'];
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor, sort);
    const cmp = sort.dir === 'desc' ? lt : gt;
    const v = sort.kind === 'time' && value !== null ? new Date(value).toISOString() : value;
    const op = sql.raw(sort.dir === 'desc' ? '<' : '>');
    if (v === null) {
      // Past the non-null values of a nullable sort key (due date): continue among the nulls.
      where.push(isNull(sort.column), cmp(records.id, id));
    } else if (!sort.nullable) {
      // A row comparison is one range of the sort's (key, id) index: each page starts where the last
      // one ended, however deep, instead of filtering every row before it (an export reads 500 pages).
      where.push(sql`(${sort.column}, ${records.id}) ${op} (${v}, ${id}::uuid)`);
    } else {
      where.push(or(sql`(${sort.column}, ${records.id}) ${op} (${v}, ${id}::uuid)`, isNull(sort.column)) as SQL);
    }
  }
  // Each sort's order is spelled as its index is built (records_created_idx is DESC NULLS LAST, read
  // backwards for created_asc), so PostgreSQL reads the index in order instead of sorting every
  // matching row; the keys that are never null sort the same either way.
  const nulls = sql.raw(sort.nulls === 'first' ? 'NULLS FIRST' : 'NULLS LAST');
  const dir = sql.raw(sort.dir === 'desc' ? 'DESC' : 'ASC');
  const order = [sql`${sort.column} ${dir} ${nulls}`, sql`${records.id} ${dir} ${nulls}`];
  const select = db
    .select({ doc: records.doc, key: sort.column, id: records.id, nextDueAt: records.nextDueAt, nextKind: records.nextObligationKind })
    .from(records)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(limit + 1);
  const cursorAfter = (key: unknown, id: string) =>
    encodeCursor([key === null || key === undefined ? null : sort.kind === 'time' ? new Date(key as string | Date).toISOString() : String(key), id]);
  return { select, limit, sortColumn: sort.column, cursorAfter };
}

/** The record list: filters, Chinese/English search, keyset cursor pagination and sort. */
export async function listRecords(
  db: Db,
  query: RecordListQuery & Pick<RecordFilterQuery, 'ids'>,
  ctx: ListContext,
): Promise<RecordPage> {
  const { select, limit, cursorAfter } = recordPageSelect(db, query, ctx);
  const rows = await select;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? cursorAfter(last.key, last.id) : null;
  return {
    items: page.map((r) => r.doc as EchoRecord),
    next: page.map((r) =>
      r.nextDueAt && r.nextKind
        ? { kind: r.nextKind as ObligationKind, dueAt: r.nextDueAt.toISOString(), overdue: r.nextDueAt.getTime() < ctx.now.getTime() }
        : null,
    ),
    nextCursor,
  };
}

/** A change of one record as the feed reports it. */
export interface ChangeItem {
  cursor: string;
  record: EchoRecord;
  /** The widget reporter the record belongs to, if any. */
  reporterKey: string | null;
}

/** A feed position: the writing transaction and, within it, the record id. */
const FEED_CURSOR = /^(\d{1,20})(?::([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?$/;
/** Largest transaction id PostgreSQL's xid8 holds. */
const MAX_XID8 = 2n ** 64n - 1n;

/** Whether a client's cursor is one this feed hands out (`0` for the start): its parts fit xid8 and uuid. */
export const isFeedCursor = (cursor: string): boolean => {
  const match = FEED_CURSOR.exec(cursor);
  return match !== null && BigInt(match[1] as string) <= MAX_XID8;
};

/**
 * Records changed after `cursor`, for the staff member who created them or the widget reporter
 * they belong to, in the order of the transactions that wrote them. Only transactions older than
 * every one still running are read (pg_snapshot_xmin), so a record written by a slow transaction
 * shows up late rather than behind a cursor the client already moved past.
 */
export async function changesSince(
  db: Db,
  who: { createdBy: string } | { reporterKeys: string[]; siteKeyId: string; alsoIds?: string[] } | { all: true },
  cursor: string,
  limit: number,
): Promise<{ items: ChangeItem[]; nextCursor: string }> {
  const match = FEED_CURSOR.exec(cursor);
  if (!match || !isFeedCursor(cursor)) throw problem('validation_failed', { detail: 'The cursor is not one this server issued.' });
  const [, xid = '0', afterId] = match;
  const owner =
    'createdBy' in who
      ? eq(records.createdBy, who.createdBy)
      : 'reporterKeys' in who
        ? or(
            and(inArray(records.reporterKey, who.reporterKeys.length ? who.reporterKeys : ['-']), eq(records.siteKeyId, who.siteKeyId)),
            who.alsoIds?.length ? inArray(records.id, who.alsoIds) : undefined,
          )
        : undefined;
  const after = afterId
    ? sql`(${records.changeXid}, ${records.id}) > (${xid}::xid8, ${afterId}::uuid)`
    : sql`${records.changeXid} > ${xid}::xid8`;
  const rows = await db
    .select({ doc: records.doc, xid: sql<string>`${records.changeXid}::text`, id: records.id, reporterKey: records.reporterKey })
    .from(records)
    .where(and(owner, after, sql`${records.changeXid} < pg_snapshot_xmin(pg_current_snapshot())`))
    .orderBy(asc(records.changeXid), asc(records.id))
    .limit(limit);
  const items = rows.map((r) => ({ cursor: `${r.xid}:${r.id}`, record: r.doc as EchoRecord, reporterKey: r.reporterKey }));
  return { items, nextCursor: items.at(-1)?.cursor ?? cursor };
}
