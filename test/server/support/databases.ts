import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../../server/db/open';

/** A store the server suite runs against. */
export interface TestStore {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/** A fresh, migrated PostgreSQL database on the CI cluster; dropped on close. */
async function freshPostgres(baseUrl: string, poolSize = 10): Promise<Database & { url: string }> {
  const name = `ebx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI must run the store suite on PostgreSQL too: set TEST_DATABASE_URL (.ci/postgres.sh does).');
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it, see .ci/postgres.sh). */
export const TEST_STORES: TestStore[] = [
  { name: 'pglite', open: () => openDatabase({ memory: true }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, open: () => freshPostgres(process.env.TEST_DATABASE_URL as string) }]
    : []),
];

/** Create an empty migrated PostgreSQL database for multi-process tests; undefined without TEST_DATABASE_URL. */
export async function createPostgresDatabase(poolSize?: number) {
  const base = process.env.TEST_DATABASE_URL;
  return base ? freshPostgres(base, poolSize) : undefined;
}
