import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { changesSince, isFeedCursor } from '../store/records';
import { feedHead } from '../store/feed-head';
import { toRecordChange } from '../records/change-view';
import { can } from '../../shared/domain/permissions';

/** Query of the changes feed: where the client stopped, how many, and (reviewers) whose records. */
export const ChangesQuery = z.object({
  /** `now`: start at the feed's current end (an empty page whose nextCursor is that end). */
  cursor: z.optional(z.string().check(z.refine((v) => v === 'now' || isFeedCursor(v), 'Use nextCursor from the previous page, or now.'))),
  limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number))),
  scope: z.optional(z.enum(['mine', 'all'])),
});

/** Staff changes feed: status changes of the records the caller created, by cursor. */
export const changesRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/', requirePermission('record.read'), validate('query', ChangesQuery), async (c) => {
    const { cursor, limit, scope } = c.req.valid('query');
    const actor = c.get('actor');
    if (scope === 'all' && !can(actor.role, 'record.screen')) throw fail.forbidden('Only reviewers may follow all records.');
    if (cursor === 'now') return c.json({ items: [], nextCursor: await feedHead(c.get('deps').db), hasMore: false });
    const size = Math.min(Math.max(limit ?? 100, 1), 100);
    const page = await changesSince(
      c.get('deps').db,
      scope === 'all' ? { all: true } : { createdBy: actor.id },
      cursor ?? '0',
      size,
    );
    return c.json({
      items: page.items.map((item) => toRecordChange(item.record)),
      nextCursor: page.nextCursor,
      hasMore: page.items.length === size,
    });
  });
