import type { Context } from 'hono';
import type { AppEnv } from '../context';
import type { ListContext } from '../store/records';
import { orFail } from './apply';
import { reminderHorizon } from '../../shared/domain/reminders';

/**
 * The context a record-list query is evaluated in: the app's clock, the caller, the company's zone
 * (bare days in the filters are its days) and, only when the query filters on `dueSoon`, the
 * reminder horizon on the company calendar as stored now (the very window staff reminders use, so
 * "due soon" in the queue is what people are told about).
 */
export async function listContext(c: Context<AppEnv>, query: { dueSoon?: string | undefined }, now: Date = c.get('deps').now()): Promise<ListContext> {
  const ctx = { now, actorId: c.get('actor').id, timeZone: c.get('deps').config.timeZone };
  if (query.dueSoon === undefined) return ctx;
  const config = await c.get('calendars').config();
  return { ...ctx, horizon: orFail(reminderHorizon(now, config.reminderLead, config.calendar)) };
}
