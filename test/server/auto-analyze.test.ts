import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/open';
import { startAutoAnalyze } from '../../server/db/auto-analyze';
import { createRecords } from '../../server/store/create-records';
import { recordInput } from './support/fixtures';

describe('auto-analyze on PGlite', () => {
  it('gives the planner table statistics after records arrive', async () => {
    const database = await openDatabase({ memory: true });
    try {
      const ctx = { now: new Date('2025-09-30T10:00:00Z'), timeZone: 'Asia/Shanghai', author: { id: null, label: 'test' }, createdBy: null };
      await createRecords(database.db, Array.from({ length: 100 }, () => ({ input: recordInput() })), ctx);
      const tuples = async () =>
        Number(((await database.db.execute(sql`SELECT reltuples FROM pg_class WHERE relname = 'records'`)) as unknown as { rows: Array<{ reltuples: number }> }).rows[0]?.reltuples);
      expect(await tuples()).toBeLessThan(100);
      const job = startAutoAnalyze(database.db, { intervalMs: 60_000, log: () => {} });
      await job.ready;
      job.stop();
      expect(await tuples()).toBe(100);
    } finally {
      await database.close();
    }
  });
});
