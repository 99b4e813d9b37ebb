import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/open';

/*
 * PGlite keeps its shared buffers in WebAssembly memory that never shrinks: at PostgreSQL's default
 * (128 MB) the server held them on top of everything else from its first minutes on. Both ways of
 * opening it (a data folder as `npm start` does, and in memory) run with the smaller setting.
 */
describe('PGlite opened by the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'echobox-pglite-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sharedBuffers = async (database: Database) => {
    const { rows } = (await database.db.execute(sql`SHOW shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
    return rows[0]?.shared_buffers;
  };

  it.each([
    ['a data folder', () => openDatabase({ dataDir: join(dir, 'pglite') })],
    ['memory', () => openDatabase({ memory: true })],
  ])('runs with 32 MB of shared buffers in %s', async (_where, open) => {
    const database = await open();
    try {
      expect(await sharedBuffers(database)).toBe('32MB');
    } finally {
      await database.close();
    }
  });
});
