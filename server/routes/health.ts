import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { ping } from '../db/open';
import { ApiError } from '../errors';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export const health = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    try {
      await ping(c.get('deps').db);
    } catch {
      throw new ApiError(503, 'internal', 'The database is not reachable.');
    }
    return c.json({ status: 'ready', database: c.get('deps').dbKind });
  });
