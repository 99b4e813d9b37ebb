import { Hono, type Context } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import type { AppEnv } from '../context';
import { fail, problem } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { validate } from '../middleware/validate';
import { orFail } from '../records/apply';
import { deleteView, getView, insertView, listViews, updateView } from '../store/saved-views';
import { IdParam } from './campaigns';
import { ifMatch } from './records';
import { editView, readView } from '../../shared/domain/saved-view';
import { NewSavedView, SavedViewPatch, type SavedView } from '../../shared/schemas/saved-view';

/** The view of the path, if the actor may read it; else 404 (another person's personal view is not told). */
async function readable(c: Context<AppEnv>, id: string): Promise<SavedView> {
  const view = await getView(c.get('deps').db, id);
  if (!view) throw fail.notFound('The view');
  orFail(readView(c.get('actor'), view));
  return view;
}

/** 409 with the stored view when the If-Match version is not the stored one. */
const stale = (current: SavedView | undefined) => {
  if (!current) return fail.notFound('The view');
  return problem('version_conflict', { detail: 'The view was changed by someone else. Review the current version.', current });
};

/**
 * Saved queue views (issue 11): every staff member reads the shared views and their own; personal
 * views are their owner's to change, shared ones reviewers' and admins'. Changes carry If-Match.
 */
export const viewsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/', async (c) => c.json({ items: await listViews(c.get('deps').db, c.get('actor').id) }))
  .post('/', validate('json', NewSavedView), async (c) => {
    const { db, now } = c.get('deps');
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const shared = body.shared ?? false;
    orFail(editView(actor, { ownerId: actor.id, shared }));
    const view = await insertView(db, { id: uuidv7(), ownerId: actor.id, name: body.name, shared, query: body.query }, now());
    c.header('location', `/api/v1/views/${view.id}`);
    return c.json({ view }, 201);
  })
  .get('/:id', validate('param', IdParam), async (c) => c.json({ view: await readable(c, c.req.valid('param').id) }))
  .patch('/:id', validate('param', IdParam), validate('json', SavedViewPatch), async (c) => {
    const { db, now } = c.get('deps');
    const version = ifMatch(c, true)!;
    const view = await readable(c, c.req.valid('param').id);
    const patch = c.req.valid('json');
    orFail(editView(c.get('actor'), view, patch.shared ?? view.shared));
    if (view.version !== version) throw stale(view);
    const saved = await updateView(db, view.id, version, patch, now());
    if (!saved) throw stale(await getView(db, view.id));
    return c.json({ view: saved });
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const { db } = c.get('deps');
    const version = ifMatch(c, true)!;
    const view = await readable(c, c.req.valid('param').id);
    orFail(editView(c.get('actor'), view));
    if (view.version !== version || !(await deleteView(db, view.id, version))) throw stale(await getView(db, view.id));
    return c.body(null, 204);
  });
