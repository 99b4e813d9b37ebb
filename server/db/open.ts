import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

/** The drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with its driver kind and a way to close it. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Where to open the store: a PostgreSQL URL, a PGlite data directory, or in-memory PGlite. */
export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  | { memory: true };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary but fixed key so concurrent boots on one PostgreSQL migrate one at a time. */
const MIGRATION_LOCK = 4_242_017;

/** Open the database and apply pending migrations in order; safe on every boot. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, DROP DATABASE … FORCE) is dropped by the
    // pool and reopened on demand; unhandled, its error would end the whole process.
    pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection; a new one opens when needed (${error.message})`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const client = 'dataDir' in options ? new PGlite(options.dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/**
 * Run a hot statement by name: on PostgreSQL as a named prepared statement, parsed and planned
 * once per connection; PGlite runs it as it is.
 */
export async function queryPrepared<Row>(db: Db, name: string, text: string, params: unknown[]): Promise<Row[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return (await client.query({ name, text, values: params })).rows as Row[];
  return (await (client as PGlite).query<Row>(text, params)).rows;
}

/** Cheap liveness query for /readyz. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
