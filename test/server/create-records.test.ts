import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { recordSequences, records } from '../../server/db/schema';
import { createRecords, type CreateResult } from '../../server/store/create-records';
import { auditTrail, getRecord, listRecords } from '../../server/store/records';
import { formatRecordNumber } from '../../shared/domain/record-number';
import { RecordListQuery } from '../../shared/schemas/record-query';
import * as z from 'zod/mini';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/time-zone';

/*
 * The storing statement numbers records in SQL; these tests hold its spelling to the shared rule
 * (formatRecordNumber) and check that a failed statement burns no number.
 */
describe.each(TEST_STORES)('storing new records on $name', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(() => database.close());

  const now = new Date('2025-09-30T10:00:00Z');
  const ctx = { now, timeZone: 'Asia/Shanghai', author: { id: null, label: 'store test' }, createdBy: null };
  const numberOf = (result: CreateResult | undefined) => (result && result.status !== 'rejected' ? result.recordNumber : result?.status);

  it('spells numbers as formatRecordNumber does past the third digit, in the row, the document, the audit entry and the search', async () => {
    await database.db.insert(recordSequences).values({ department: 'WIDE', day: '2025-09-30', lastSeq: 998 });
    const inputs = Array.from({ length: 3 }, () => recordInput({ department: 'WIDE' }));
    const results = await createRecords(database.db, inputs.map((input) => ({ input })), ctx);
    const expected = [999, 1000, 1001].map((sequence) => {
      const number = formatRecordNumber({ department: 'WIDE', date: '2025-09-30', sequence });
      if (!number.ok) throw new Error(number.error.message);
      return number.value;
    });
    expect(expected).toEqual(['WIDE-20250930-999', 'WIDE-20250930-1000', 'WIDE-20250930-1001']);
    expect(results.map(numberOf)).toEqual(expected);

    for (const [i, input] of inputs.entries()) {
      const stored = await getRecord(database.db, input.id);
      expect(stored?.doc.recordNumber).toBe(expected[i]);
      const [row] = await database.db.select({ recordNumber: records.recordNumber }).from(records).where(eq(records.id, input.id));
      expect(row?.recordNumber).toBe(expected[i]);
      const audit = await auditTrail(database.db, input.id);
      expect(audit.map((a) => a.action)).toEqual(['create']);
      expect((audit[0]?.after as { recordNumber?: string }).recordNumber).toBe(expected[i]);
      expect(audit[0]?.actor.label).toBe('store test');
    }

    const query = z.parse(RecordListQuery, { q: 'WIDE-20250930-1000' });
    const found = await listRecords(database.db, query, { now, actorId: '00000000-0000-7000-8000-000000000000', timeZone: DEFAULT_TIME_ZONE });
    expect(found.items.map((r) => r.recordNumber)).toEqual(['WIDE-20250930-1000']);
  });

  it('numbers a mixed batch per department and day, in the order sent', async () => {
    const items = [
      recordInput({ department: 'MIXA' }),
      recordInput({ department: 'MIXB' }),
      recordInput({ department: 'MIXA', recordedAt: '2025-09-28T02:00:00.000Z' }),
      recordInput({ department: 'MIXA' }),
      recordInput({ department: 'MIXB' }),
    ];
    const results = await createRecords(database.db, items.map((input) => ({ input })), ctx);
    expect(results.map(numberOf)).toEqual([
      'MIXA-20250930-001',
      'MIXB-20250930-001',
      'MIXA-20250928-001',
      'MIXA-20250930-002',
      'MIXB-20250930-002',
    ]);
  });

  it('answers a clash inside a batch without burning a number, and keeps each author in the audit trail', async () => {
    const taken = recordInput({ department: 'GAP' });
    const [first] = await createRecords(database.db, [{ input: taken }], ctx);
    expect(numberOf(first)).toBe('GAP-20250930-001');

    const before = recordInput({ department: 'GAP' });
    const after = recordInput({ department: 'GAP' });
    const results = await createRecords(
      database.db,
      [
        { input: before, author: { id: null, label: 'first caller' } },
        { input: { ...taken, problem: '同一个编号,内容却不一样' } },
        { input: taken },
        { input: after, author: { id: null, label: 'second caller' } },
      ],
      ctx,
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
    expect(results[1]).toMatchObject({ error: { code: 'idempotency_conflict' } });
    expect(results.map(numberOf)).toEqual(['GAP-20250930-002', 'rejected', 'rejected', 'GAP-20250930-003']);
    expect((await auditTrail(database.db, before.id))[0]?.actor.label).toBe('first caller');
    expect((await auditTrail(database.db, after.id))[0]?.actor.label).toBe('second caller');
  });
});
