import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { orFail } from '../records/apply';
import { loadRecord } from '../records/load-record';
import { requesterCounts, updateRecord, type Mutation } from '../store/records';
import { linkRequester, undoRequesterLink } from '../../shared/domain/requester-link';
import { askedBy } from '../../shared/domain/asked-by';
import { maskRecord } from '../../shared/domain/record-masking';
import { RequesterLinkBody } from '../../shared/schemas/requester-entry';

const author = (actor: Actor) => ({ id: actor.id, label: `${actor.name} (${actor.role})` });
const staffRef = (actor: Actor) => ({ id: actor.id, name: actor.name });

/** Write one change of a linked requester under the record's lock, audited as `action`. */
async function write(c: Context<AppEnv>, action: 'requester:link' | 'requester:unlink', change: Mutation) {
  const { db, now } = c.get('deps');
  const stored = await loadRecord(c, c.req.param('id') as string);
  const result = await updateRecord(db, stored.doc.id, action, change, {
    now: now(),
    author: author(c.get('actor')),
    calendar: (await c.get('calendars').config()).calendar,
  });
  const merged = ((await requesterCounts(db, [result.doc.id])).get(result.doc.id) ?? 1) - 1;
  c.header('etag', `"${result.doc.version}"`);
  return { ...result, askedBy: askedBy(result.doc, merged) };
}

/**
 * Linked requesters of a record: any staff member who may link (agents too) adds a clip's customer
 * as another requester of an existing record, idempotent by the link's client id; reviewers undo a
 * link. Mounted inside the records routes, whose staffAuth has already identified the caller.
 */
export const requestersRoutes = new Hono<AppEnv>()
  .post('/:id/requesters', requirePermission('record.link'), validate('json', RequesterLinkBody), async (c) => {
    const body = c.req.valid('json');
    const actor = c.get('actor');
    const at = c.get('deps').now();
    let replay = false;
    const { doc, obligations, askedBy: asked } = await write(c, 'requester:link', (current) => {
      const outcome = orFail(linkRequester(current.doc, body, staffRef(actor), at));
      replay = outcome.replay;
      // A retry leaves the record exactly as it is: no new version, no audit entry.
      return replay ? current.doc : maskRecord(outcome.doc);
    });
    return c.json({ status: replay ? ('duplicate' as const) : ('linked' as const), record: doc, obligations, askedBy: asked }, replay ? 200 : 201);
  })
  .post('/:id/requesters/:entryId/undo', requirePermission('record.merge'), async (c) => {
    const actor = c.get('actor');
    const at = c.get('deps').now();
    const entryId = c.req.param('entryId').toLowerCase();
    const { doc, obligations } = await write(c, 'requester:unlink', (current) =>
      maskRecord(orFail(undoRequesterLink(current.doc, entryId, staffRef(actor), at))),
    );
    return c.json({ record: doc, obligations });
  });
