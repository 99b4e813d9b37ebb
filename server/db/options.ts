import { resolve } from 'node:path';
import type { DatabaseOptions } from './open';

/** Where the store lives: openDatabase options, plus the PGlite data folder to create when there is one. */
export interface DatabaseTarget {
  options: DatabaseOptions;
  /** Folder to create before opening (PGlite only); undefined for PostgreSQL. */
  dataDir?: string;
}

/**
 * Read the store location the way every entry point does: DATABASE_URL (with DATABASE_POOL_SIZE)
 * selects PostgreSQL, otherwise PGlite keeps its files in DATA_DIR/pglite (DATA_DIR defaults to ./data).
 */
export function databaseTargetFromEnv(env: Readonly<Record<string, string | undefined>>): DatabaseTarget {
  if (env.DATABASE_URL) {
    const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error('DATABASE_POOL_SIZE must be a positive integer');
    return { options: { url: env.DATABASE_URL, poolSize } };
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return { options: { dataDir: resolve(dataDir, 'pglite') }, dataDir };
}
