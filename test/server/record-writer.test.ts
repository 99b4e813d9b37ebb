import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { createRecordWriter } from '../../server/store/record-writer';

describe.each(TEST_STORES)('group-commit record writer on $name', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(() => database.close());

  const writer = () => createRecordWriter(database.db, { timeZone: 'Asia/Shanghai', now: () => new Date('2025-09-30T10:00:00Z'), gather: store.name === 'pglite' });
  const author = { id: null, label: 'test' };

  it('answers every concurrent caller with its own record, numbered without gaps', async () => {
    const w = writer();
    const department = 'GRP';
    const inputs = Array.from({ length: 40 }, () => recordInput({ department }));
    const results = await Promise.all(inputs.map((input) => w.create({ input, author, createdBy: null })));
    expect(results.map((r) => r.id)).toEqual(inputs.map((i) => i.id));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    const numbers = results.map((r) => (r.status === 'rejected' ? '' : r.recordNumber)).sort();
    expect(numbers).toEqual(inputs.map((_, i) => `${department}-20250930-${String(i + 1).padStart(3, '0')}`));
  });

  it('answers the same id sent twice at once as accepted and then duplicate', async () => {
    const w = writer();
    const department = 'DUP';
    const input = recordInput({ department });
    const [first, second] = await Promise.all([
      w.create({ input, author, createdBy: null }),
      w.create({ input, author, createdBy: null }),
    ]);
    expect([first?.status, second?.status]).toEqual(['accepted', 'duplicate']);
    expect(second).toMatchObject({ recordNumber: `${department}-20250930-001` });
  });

  it('answers a record from the future at once and stores the others', async () => {
    const w = writer();
    const department = 'FUT';
    const future = recordInput({ department, recordedAt: '2025-09-30T11:00:00.000Z' });
    const fine = recordInput({ department });
    const [late, ok] = await Promise.all([
      w.create({ input: future, author, createdBy: null }),
      w.create({ input: fine, author, createdBy: null }),
    ]);
    expect(late).toMatchObject({ status: 'rejected', error: { code: 'validation_failed' } });
    expect(ok).toMatchObject({ status: 'accepted', recordNumber: `${department}-20250930-001` });
  });

  it("takes waiting clients in turn: one client's burst does not hold another's record behind it", async () => {
    const w = createRecordWriter(database.db, {
      timeZone: 'Asia/Shanghai',
      now: () => new Date('2025-09-30T10:00:00Z'),
      gather: store.name === 'pglite',
      maxBatch: 2,
    });
    const department = 'FAIR';
    const burst = Array.from({ length: 10 }, () => w.create({ input: recordInput({ department }), author, createdBy: null, client: 'flood' }));
    const other = w.create({ input: recordInput({ department }), author, createdBy: null, client: 'other' });
    const [results, mine] = await Promise.all([Promise.all(burst), other]);
    expect([...results, mine].every((r) => r.status === 'accepted')).toBe(true);
    // Numbers follow the order of writes: in turn, the other client's record is in the first or second write.
    const number = mine.status === 'rejected' ? '' : mine.recordNumber;
    expect(Number(number.slice(-3))).toBeLessThanOrEqual(3);
  });

  it('writes a burst of large records a few at a time, within maxBatchChars, and a larger one alone', async () => {
    const w = createRecordWriter(database.db, {
      timeZone: 'Asia/Shanghai',
      now: () => new Date('2025-09-30T10:00:00Z'),
      gather: store.name === 'pglite',
      maxBatchChars: 150_000,
    });
    const department = 'BIG';
    const clip = (chars: number) =>
      recordInput({
        department,
        origin: {
          kind: 'extension',
          clip: { page: { url: 'https://desk.example.com/tickets/42', title: 'Ticket 42', readableText: 'x'.repeat(chars), metadata: {} }, capturedAt: '2025-09-30T01:59:00.000Z' },
        },
      } as never);
    // Six of about 60,000 characters fit two to a write; one of 200,000 exceeds a write on its own.
    const inputs = [...Array.from({ length: 6 }, () => clip(60_000)), clip(200_000)];
    const results = await Promise.all(inputs.map((input, i) => w.create({ input, author, createdBy: null, client: `client-${i}` })));
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'accepted'));
    // Rows stored by one statement share its transaction id (xmin): one group per write.
    const { rows } = (await database.db.execute(
      sql`SELECT id, xmin::text AS tx FROM records WHERE department = ${department}`,
    )) as unknown as { rows: { id: string; tx: string }[] };
    const writes = new Map<string, string[]>();
    for (const row of rows) writes.set(row.tx, [...(writes.get(row.tx) ?? []), row.id]);
    expect(rows).toHaveLength(inputs.length);
    expect(Math.max(...[...writes.values()].map((ids) => ids.length))).toBeLessThanOrEqual(2);
    expect([...writes.values()].find((ids) => ids.includes(inputs[6]!.id))).toEqual([inputs[6]!.id]);
  });

  it('rejects a bad setup', () => {
    expect(() => createRecordWriter(database.db, { timeZone: 'Asia/Shanghai', now: () => new Date(), maxBatch: 0 })).toThrow(/maxBatch/);
    expect(() => createRecordWriter(database.db, { timeZone: 'Asia/Shanghai', now: () => new Date(), maxBatchChars: 0 })).toThrow(/maxBatchChars/);
  });
});
