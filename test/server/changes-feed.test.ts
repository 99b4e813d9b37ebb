import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresDatabase } from './support/databases';
import { changesSince } from '../../server/store/records';
import { createRecords } from '../../server/store/create-records';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';

/*
 * The feed must never let a client's cursor pass a change that commits later: a record written by
 * a slow transaction shows up late, but it shows up. This needs two real connections, so PostgreSQL.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('changes feed with concurrent writers (PostgreSQL)', () => {
  let database: Database & { url: string };
  beforeAll(async () => {
    database = (await createPostgresDatabase()) as Database & { url: string };
  });
  afterAll(() => database.close());

  it('holds back changes behind a transaction still running, then delivers both in order', async () => {
    const ctx = { now: new Date('2025-09-30T10:00:00Z'), timeZone: 'Asia/Shanghai', author: { id: null, label: 'test' }, createdBy: null };
    const [slow, fast] = [recordInput({ department: 'FEED' }), recordInput({ department: 'FEED' })];
    await createRecords(database.db, [{ input: slow }, { input: fast }], ctx);
    const start = await changesSince(database.db, { all: true }, '0', 100);
    expect(start.items.map((i) => i.record.id)).toEqual(expect.arrayContaining([slow.id, fast.id]));

    // A slow writer takes its transaction id first and keeps it open...
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    await writer.query('BEGIN');
    await writer.query(`UPDATE records SET change_xid = pg_current_xact_id(), version = version + 1 WHERE id = $1`, [slow.id]);
    // ...while a fast one commits a later change.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    await other.query(`UPDATE records SET change_xid = pg_current_xact_id(), version = version + 1 WHERE id = $1`, [fast.id]);
    await other.end();

    const during = await changesSince(database.db, { all: true }, start.nextCursor, 100);
    expect(during.items).toEqual([]);
    expect(during.nextCursor).toBe(start.nextCursor);

    await writer.query('COMMIT');
    await writer.end();
    const after = await changesSince(database.db, { all: true }, during.nextCursor, 100);
    expect(after.items.map((i) => i.record.id)).toEqual([slow.id, fast.id]);
    const again = await changesSince(database.db, { all: true }, after.nextCursor, 100);
    expect(again.items).toEqual([]);
  });

  it('pages through one big transaction by record id', async () => {
    const ctx = { now: new Date('2025-09-30T10:00:00Z'), timeZone: 'Asia/Shanghai', author: { id: null, label: 'test' }, createdBy: null };
    const start = await changesSince(database.db, { all: true }, '0', 1000);
    const inputs = Array.from({ length: 25 }, () => recordInput({ department: 'PAGE' }));
    await createRecords(database.db, inputs.map((input) => ({ input })), ctx);
    const seen: string[] = [];
    let cursor = start.nextCursor;
    for (let i = 0; i < 10; i++) {
      const page = await changesSince(database.db, { all: true }, cursor, 10);
      seen.push(...page.items.map((item) => item.record.id));
      cursor = page.nextCursor;
      if (page.items.length < 10) break;
    }
    expect(seen.sort()).toEqual(inputs.map((input) => input.id).sort());
  });
});
