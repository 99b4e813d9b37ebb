import { Hono } from 'hono';
import type { AppEnv, Actor } from '../context';
import { ApiError, fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { countRecords, getRecord, listRecords, updateRecord, type StoredRecord } from '../store/records';
import { orFail } from '../records/apply';
import { activeOwner } from '../records/active-owner';
import { listContext } from '../records/list-context';
import { transitionRecord } from '../../shared/domain/record-workflow';
import { maskRecord } from '../../shared/domain/record-masking';
import { can, canOnRecord, type Permission } from '../../shared/domain/permissions';
import { BULK_CHUNK, BulkFilter, BulkRequest, type BulkAction, type BulkItemResult } from '../../shared/schemas/bulk';
import type { StaffRef } from '../../shared/schemas/common';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** The permission each bulk action needs, as its single-record route does. */
const PERMISSION: Record<BulkAction['type'], Permission> = { assign: 'record.assign', transition: 'record.transition' };

const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/**
 * Bulk actions of the console's queue: assign or a workflow transition on a selection or on the whole
 * filtered set, a chunk per request. Each record goes through the same checks as its own route
 * (ownership scope, workflow guards) and is answered on its own, so one refused record does not stop
 * the rest. Mounted at /api/v1/bulk.
 */
export const bulkRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/records/count', requirePermission('record.read'), validate('query', BulkFilter), async (c) => {
    const { db, now } = c.get('deps');
    const query = c.req.valid('query');
    return c.json({ total: await countRecords(db, query, await listContext(c, query, now())) });
  })
  .post('/records', requirePermission('record.read'), validate('json', BulkRequest), async (c) => {
    const { db, now } = c.get('deps');
    const actor: Actor = c.get('actor');
    const body = c.req.valid('json');
    const permission = PERMISSION[body.action.type];
    if (!can(actor.role, permission)) throw fail.forbidden(`The ${actor.role} role may not ${permission}.`);

    const action = body.action;
    let owner: StaffRef | null = null;
    if (action.type === 'assign' && action.ownerId) owner = await activeOwner(db, action.ownerId, ['action', 'ownerId']);
    if (action.type === 'transition' && action.transition.type === 'start' && action.transition.ownerId) {
      owner = await activeOwner(db, action.transition.ownerId, ['action', 'transition', 'ownerId']);
    }

    const ctx = await listContext(c, body.filter ?? {}, now());
    let targets: Array<{ id: string; stored: StoredRecord | undefined }>;
    let nextCursor: string | null = null;
    let total: number | undefined;
    if (body.ids) {
      const ids = [...new Set(body.ids)];
      targets = await Promise.all(ids.map(async (id) => ({ id, stored: await getRecord(db, id) })));
    } else {
      const filter = body.filter ?? {};
      // Creation order never changes, so the keyset walks the set exactly once while the action
      // changes owners, statuses and deadlines (which other sorts follow).
      const page = await listRecords(db, { ...filter, sort: 'created_asc', limit: BULK_CHUNK, ...(body.cursor ? { cursor: body.cursor } : {}) }, ctx);
      targets = page.items.map((doc) => ({ id: doc.id, stored: { doc } as StoredRecord }));
      nextCursor = page.nextCursor;
      if (!body.cursor) total = await countRecords(db, filter, ctx);
    }

    // Counted on the company's calendars as stored now, as the single routes do.
    const config = await c.get('calendars').config();
    const author = { id: actor.id, label: `${actor.name} (${actor.role})` };
    const change = (doc: EchoRecord): EchoRecord => {
      if (action.type === 'assign') return { ...doc, owner };
      return orFail(transitionRecord(doc, action.transition, { id: actor.id, role: actor.role }, owner ?? doc.owner, config.calendar));
    };

    const results: BulkItemResult[] = [];
    // One record after another: each is its own transaction under a row lock, as on the single routes.
    for (const { id, stored } of targets) {
      if (!stored) {
        results.push({ id, recordNumber: null, status: 'refused', code: 'not_found', message: 'The record was not found.' });
        continue;
      }
      const recordNumber = stored.doc.recordNumber;
      try {
        await updateRecord(
          db,
          id,
          action.type === 'assign' ? 'assign' : `transition:${action.transition.type}`,
          (current) => {
            const own = current.createdBy === actor.id || current.doc.owner?.id === actor.id;
            if (!canOnRecord(actor.role, permission, own)) throw fail.forbidden('You may change only the records you recorded or own.');
            return maskRecord(change(current.doc));
          },
          { now: ctx.now, author, calendar: config.calendar },
        );
        results.push({ id, recordNumber, status: 'ok' });
      } catch (error) {
        if (!isApiError(error)) throw error;
        const guard = (error.extras.details as { guard?: unknown } | undefined)?.guard;
        results.push({
          id,
          recordNumber,
          status: 'refused',
          code: error.code,
          ...(typeof guard === 'string' ? { guard } : {}),
          message: error.message.slice(0, 500),
        });
      }
    }
    return c.json({ results, nextCursor, ...(total === undefined ? {} : { total }) });
  });
