import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/open';
import { startAutoVacuum } from '../../server/db/auto-vacuum';
import { createRecords } from '../../server/store/create-records';
import { recordInput } from './support/fixtures';

describe('auto-vacuum on PGlite', () => {
  it('gives the planner table statistics and marks pages all-visible after records arrive and change', async () => {
    const database = await openDatabase({ memory: true });
    try {
      const ctx = { now: new Date('2025-09-30T10:00:00Z'), timeZone: 'Asia/Shanghai', author: { id: null, label: 'test' }, createdBy: null };
      await createRecords(database.db, Array.from({ length: 100 }, () => ({ input: recordInput() })), ctx);
      // Every record edited once: 100 old row versions left behind.
      await database.db.execute(sql`UPDATE records SET version = version + 1`);
      const stats = async () =>
        ((await database.db.execute(sql`SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'records'`)) as unknown as {
          rows: Array<{ reltuples: number; relallvisible: number }>;
        }).rows[0]!;
      const before = await stats();
      expect(Number(before.reltuples)).toBeLessThan(100);
      expect(Number(before.relallvisible)).toBe(0);
      const job = startAutoVacuum(database.db, { intervalMs: 60_000, log: () => {} });
      await job.ready;
      job.stop();
      const after = await stats();
      expect(Number(after.reltuples)).toBe(100);
      // Pages marked all-visible: index-only scans need not read the rows.
      expect(Number(after.relallvisible)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
