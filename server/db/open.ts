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
import { lockDataDir } from './data-dir-lock';

/** The drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with its driver kind and a way to close it. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Limits on the PostgreSQL pool's connections, in milliseconds (0 turns one off). */
export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in a full pool. */
  connectMs: number;
  /** One statement on the server (statement_timeout); the client gives up a connect timeout later. */
  statementMs: number;
  /** A transaction left idle holding its locks (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

/** Defaults: a stalled database answers 503 within seconds instead of hanging every request. */
export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 5_000, statementMs: 30_000, idleInTransactionMs: 60_000 };

/**
 * Where to open the store: a PostgreSQL URL, a PGlite data directory (locked for this process;
 * `holder` says what the process is, for the message another one gets), or in-memory PGlite.
 */
export type DatabaseOptions =
  | { url: string; poolSize?: number; timeouts?: Partial<PostgresTimeouts> }
  | { dataDir: string; holder?: string }
  | { memory: true };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary but fixed key so concurrent boots on one PostgreSQL migrate one at a time. */
const MIGRATION_LOCK = 4_242_017;

/** Open the database and apply pending migrations in order; safe on every boot. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) {
    const timeouts = { ...DEFAULT_POSTGRES_TIMEOUTS, ...options.timeouts };
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      // The server cancels a slow statement itself; this catches a database that stopped answering at all.
      query_timeout: timeouts.statementMs && timeouts.statementMs + (timeouts.connectMs || 5_000),
      keepAlive: true,
    });
    // An idle connection the server ends (restart, failover, DROP DATABASE … FORCE) is dropped by the
    // pool and reopened on demand; unhandled, its error would end the whole process.
    pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection; a new one opens when needed (${error.message})`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // Migrations run on a connection of their own without the statement limits: waiting for another
    // booting process's migration lock, or building an index on a large table, may take longer.
    const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: timeouts.connectMs });
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS });
    } catch (error) {
      await pool.end();
      throw error;
    } finally {
      await client.end().catch(() => {}); // ending the session releases the advisory lock too
    }
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  if ('memory' in options) return openPglite(new PGlite({ startParams: PGLITE_START_PARAMS }), () => {});
  // Taken before PGlite reads a byte: two processes on one folder lose each other's writes.
  const lock = lockDataDir(`${options.dataDir}.lock`, options.holder ?? `process ${process.argv.slice(1).join(' ')}`);
  try {
    return await openPglite(new PGlite(options.dataDir, { startParams: PGLITE_START_PARAMS }), () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * PGlite's PostgreSQL settings on top of its own. Its shared buffers live in the WebAssembly memory,
 * which grows and never shrinks: at PostgreSQL's default of 128 MB a server held 110–130 MB more
 * from its first minutes on (`npm run bench:abuse`: 481 MB after warm-up, 368 MB with 32 MB). A page
 * that falls out of them is read back from the data files in the operating system's page cache; list
 * queries over 100k records answered as fast with 32 MB as with 128 MB, within this machine's noise.
 */
const PGLITE_SETTINGS = { shared_buffers: '32MB' };
const PGLITE_START_PARAMS = [
  ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams,
  ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
];

async function openPglite(client: PGlite, release: () => void): Promise<Database> {
  yieldBetweenStatements(client);
  const db = drizzlePglite(client, { schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close().finally(release) };
}

/**
 * PGlite runs each statement synchronously on this thread, and a chain of statements (a batch of
 * writes in one transaction) resolves through promises without the event loop polling in between.
 * Node accepts one new connection per loop iteration (libuv 1.45+), so during a burst of writes a
 * new visitor's connection waited in the kernel's accept queue behind every statement of every
 * batch (hundreds of ms, `npm run bench:abuse`). Giving the loop a turn before each statement lets
 * it accept and read between them.
 */
function yieldBetweenStatements(client: PGlite): void {
  const target = client as unknown as { execProtocolRaw: (message: Uint8Array, options?: object) => Promise<Uint8Array> };
  const run = target.execProtocolRaw.bind(client);
  target.execProtocolRaw = async (message, options) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return run(message, options);
  };
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
