import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { ping } from '../db/open';
import { problem } from '../errors';
import { gapsOf } from './calendars';
import type { ReadyStatus } from '../../shared/schemas/health';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). A
 * missing calendar year does not make the server unready; `/readyz` names it so monitoring can warn.
 */
export const health = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const { db, dbKind, now } = c.get('deps');
    let calendar;
    try {
      await ping(db);
      calendar = (await c.get('calendars').config()).calendar;
    } catch {
      throw problem('database_unavailable', { detail: 'The database is not reachable.' });
    }
    const body: ReadyStatus = { status: 'ready', database: dbKind, calendar: { id: calendar.id, gaps: gapsOf(calendar, now()) } };
    return c.json(body);
  });
