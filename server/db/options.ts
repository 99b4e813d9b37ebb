import { resolve } from 'node:path';
import type { DatabaseOptions, PostgresTimeouts } from './open';

/** Where the store lives: openDatabase options, plus the PGlite data folder to create when there is one. */
export interface DatabaseTarget {
  options: DatabaseOptions;
  /** Folder to create before opening (PGlite only); undefined for PostgreSQL. */
  dataDir?: string;
}

/** The environment variable behind each PostgreSQL timeout. */
const TIMEOUT_VARIABLES: Record<keyof PostgresTimeouts, string> = {
  connectMs: 'DATABASE_CONNECT_TIMEOUT_MS',
  statementMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  idleInTransactionMs: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
};

/**
 * Read the store location the way every entry point does: DATABASE_URL (with DATABASE_POOL_SIZE
 * and the DATABASE_*_TIMEOUT_MS limits) selects PostgreSQL, otherwise PGlite keeps its files in
 * DATA_DIR/pglite (DATA_DIR defaults to ./data). `holder` names the process in PGlite's lock file.
 */
export function databaseTargetFromEnv(env: Readonly<Record<string, string | undefined>>, holder?: string): DatabaseTarget {
  if (env.DATABASE_URL) {
    const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error('DATABASE_POOL_SIZE must be a positive integer');
    const timeouts: Partial<PostgresTimeouts> = {};
    for (const [key, name] of Object.entries(TIMEOUT_VARIABLES) as Array<[keyof PostgresTimeouts, string]>) {
      const value = env[name];
      if (value === undefined || value === '') continue;
      if (!/^\d{1,9}$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds (0 turns it off)`);
      timeouts[key] = Number(value);
    }
    return { options: { url: env.DATABASE_URL, poolSize, timeouts } };
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return { options: { dataDir: resolve(dataDir, 'pglite'), ...(holder ? { holder } : {}) }, dataDir };
}
