import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv, Actor } from '../context';
import { ApiError, fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import {
  auditTrail,
  duplicatesOf,
  getRecord,
  getRecordByNumber,
  listRecords,
  updateRecord,
  type StoredRecord,
} from '../store/records';
import { createRecords } from '../store/create-records';
import { findUser } from '../store/users';
import {
  REVIEW_FIELDS,
  addChangeRequest,
  addCommunication,
  addProgress,
  addSatisfaction,
  applyPatch,
  applyWorkflow,
  decideChangeRequest,
  domainFailure,
  workflowStateOf,
} from '../records/apply';
import { can, canOnRecord } from '../../shared/domain/permissions';
import { availableActions, transition } from '../../shared/domain/workflow';
import { computeObligations } from '../../shared/domain/obligations';
import { RecordInput, RecordPatch, toRecordSummary } from '../../shared/schemas/record';
import { RecordListQuery } from '../../shared/schemas/record-query';
import {
  ChangeRequestBody,
  ChangeRequestDecisionBody,
  CommunicationBody,
  MergeBody,
  ProgressBody,
  SatisfactionBody,
  TransitionBody,
} from '../../shared/schemas/record-commands';
import { answerBatch } from '../records/batch';
import { queueCustomerMessage } from '../messages/queue';
import { BatchEnvelope } from '../../shared/schemas/sync';
import { fieldIssues } from '../../shared/schemas/problem';
import { RECORD_NUMBER_PATTERN } from '../../shared/domain/record-number';
import type { Record as EchoRecord } from '../../shared/schemas/record';

const author = (actor: Actor) => ({ id: actor.id, label: `${actor.name} (${actor.role})` });
const staffRef = (actor: Actor) => ({ id: actor.id, name: actor.name });

/** Parse `If-Match: "3"` (or W/"3", or 3) into a version number. */
function ifMatch(c: Context, required: boolean): number | undefined {
  const header = c.req.header('if-match');
  if (!header) {
    if (required) throw new ApiError(428, 'precondition_required', 'Send If-Match with the version you edited.');
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new ApiError(400, 'validation_failed', 'If-Match must be the record version, e.g. "3".');
  return Number(match[1]);
}

/** Load a record by id or number, or 404. */
async function load(c: Context<AppEnv>, idOrNumber: string): Promise<StoredRecord> {
  const { db } = c.get('deps');
  const found = RECORD_NUMBER_PATTERN.test(idOrNumber)
    ? await getRecordByNumber(db, idOrNumber)
    : z.safeParse(z.uuid(), idOrNumber).success
      ? await getRecord(db, idOrNumber.toLowerCase())
      : undefined;
  if (!found) throw fail.notFound('The record');
  return found;
}

/** Agents act on their own records only (recorded or owned by them); reviewers and admins on all. */
function assertOnRecord(actor: Actor, permission: Parameters<typeof can>[1], record: StoredRecord) {
  const own = record.createdBy === actor.id || record.doc.owner?.id === actor.id;
  if (!canOnRecord(actor.role, permission, own)) throw fail.forbidden('You may change only the records you recorded or own.');
}

/** A mutation route: If-Match optional, role and ownership checked, result answered with its ETag. */
async function mutate(
  c: Context<AppEnv>,
  action: string,
  permission: Parameters<typeof can>[1],
  change: (doc: EchoRecord, actor: Actor) => EchoRecord | Promise<EchoRecord>,
  options: { requireVersion?: boolean } = {},
) {
  const { db, now } = c.get('deps');
  const actor = c.get('actor');
  const stored = await load(c, c.req.param('id') as string);
  assertOnRecord(actor, permission, stored);
  const expectedVersion = ifMatch(c, options.requireVersion ?? false);
  const { doc, obligations } = await updateRecord(db, stored.doc.id, action, (current) => change(current.doc, actor), {
    now: now(),
    author: author(actor),
    // Obligations are counted on the company's calendars as stored now (a year added through the API applies).
    calendar: (await c.get('calendars').config()).calendar,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  c.header('etag', `"${doc.version}"`);
  return c.json({ record: doc, obligations });
}

/** Staff record routes: create (single and batch), list, read with audit, edit, workflow and sub-resources. */
export const recordsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .post('/batch', requirePermission('record.create'), validate('json', BatchEnvelope), async (c) => {
    const { db, now, config } = c.get('deps');
    const actor = c.get('actor');
    const results = await answerBatch(
      c.req.valid('json').items,
      (raw) => {
        const parsed = z.safeParse(RecordInput, raw);
        return parsed.success
          ? { store: { input: parsed.data } }
          : { answer: { id: raw.id, status: 'rejected', error: { code: 'validation_failed', message: 'The record is invalid.', errors: fieldIssues(parsed.error) } } };
      },
      (items) => createRecords(db, items, { now: now(), timeZone: config.timeZone, calendar: config.calendar, author: author(actor), createdBy: actor.id }),
    );
    return c.json({ results });
  })
  .post('/', requirePermission('record.create'), validate('json', RecordInput), async (c) => {
    const { db, config, now } = c.get('deps');
    const actor = c.get('actor');
    const result = await c.get('recordWriter').create({ input: c.req.valid('json'), author: author(actor), createdBy: actor.id });
    if (result.status === 'rejected') {
      const status = result.error.code === 'idempotency_conflict' ? 409 : 400;
      throw new ApiError(status, result.error.code, result.error.message);
    }
    const stored = await getRecord(db, result.id);
    if (!stored) throw fail.notFound('The record');
    // A new record's only audit entry is its creation; a duplicate may have been worked on since.
    const audit = result.status === 'duplicate' ? await auditTrail(db, result.id) : [];
    c.header('etag', `"${result.version}"`);
    c.header('location', `/api/v1/records/${result.id}`);
    return c.json(
      { status: result.status, record: stored.doc, obligations: computeObligations({ record: stored.doc, audit }, config.calendar, now()) },
      result.status === 'accepted' ? 201 : 200,
    );
  })
  .get('/', requirePermission('record.read'), validate('query', RecordListQuery), async (c) => {
    const { db, now } = c.get('deps');
    const page = await listRecords(db, c.req.valid('query'), { now: now(), actorId: c.get('actor').id });
    return c.json({
      items: page.items.map((doc, i) => ({ ...toRecordSummary(doc), nextObligation: page.next[i] ?? null })),
      nextCursor: page.nextCursor,
    });
  })
  .get('/:id', requirePermission('record.read'), async (c) => {
    const stored = await load(c, c.req.param('id'));
    const actor = c.get('actor');
    const { db, now } = c.get('deps');
    const config = await c.get('calendars').config();
    // The trail is read for every caller: obligations are computed from it (who decided what, when).
    const audit = await auditTrail(db, stored.doc.id);
    c.header('etag', `"${stored.doc.version}"`);
    return c.json({
      record: stored.doc,
      duplicates: (await duplicatesOf(db, stored.doc.id)).map(toRecordSummary),
      audit: can(actor.role, 'audit.read') || can(actor.role, 'record.screen') ? audit : [],
      actions: availableActions(workflowStateOf(stored.doc), { id: actor.id, role: actor.role }),
      obligations: computeObligations({ record: stored.doc, audit }, config.calendar, now()),
    });
  })
  .patch('/:id', requirePermission('record.edit'), validate('json', RecordPatch), async (c) => {
    const patch = c.req.valid('json');
    const actor = c.get('actor');
    const reviewFields = REVIEW_FIELDS.filter((f) => patch[f] !== undefined);
    if (reviewFields.length > 0 && !can(actor.role, 'record.assess')) {
      throw fail.forbidden(`Only reviewers may set ${reviewFields.join(', ')}.`);
    }
    // Only a new urgency recounts the deadline, so only then are the stored calendars read.
    const config = patch.urgency === undefined ? c.get('deps').config : await c.get('calendars').config();
    return mutate(c, 'edit', 'record.edit', (doc) => applyPatch(doc, patch, config), { requireVersion: true });
  })
  .post('/:id/transitions', requirePermission('record.transition'), validate('json', TransitionBody), async (c) => {
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    const config = await c.get('calendars').config();
    let owner: { id: string; name: string } | null = null;
    if (body.type === 'start' && body.ownerId) {
      const user = await findUser(db, body.ownerId);
      if (!user || user.disabled) {
        throw new ApiError(400, 'validation_failed', 'The owner is not an active staff member.', {
          errors: [{ path: ['ownerId'], code: 'not_found', message: 'Unknown owner.' }],
        });
      }
      owner = { id: user.id, name: user.name };
    }
    return mutate(c, `transition:${body.type}`, 'record.transition', (doc, actor) => {
      const result = transition(workflowStateOf(doc), body, { id: actor.id, role: actor.role });
      if (!result.ok) throw domainFailure(result.error);
      return applyWorkflow(doc, result.value, owner ?? doc.owner, config);
    });
  })
  .post('/:id/progress', requirePermission('record.transition'), validate('json', ProgressBody), async (c) => {
    const body = c.req.valid('json');
    return mutate(c, 'progress', 'record.transition', (doc, actor) => addProgress(doc, body, staffRef(actor), c.get('deps').now()));
  })
  .post('/:id/communications', requirePermission('record.transition'), validate('json', CommunicationBody), async (c) => {
    const body = c.req.valid('json');
    let communicationId = '';
    let recordId = '';
    const response = await mutate(c, 'communication', 'record.transition', (doc, actor) => {
      const next = addCommunication(doc, body, staffRef(actor), c.get('deps').now());
      communicationId = next.communications.at(-1)?.id ?? '';
      recordId = next.id;
      return next;
    });
    // A customer who consented to leave an e-mail address hears it by e-mail too (server/messages).
    await queueCustomerMessage(c.get('deps'), recordId, communicationId);
    return response;
  })
  .post('/:id/change-requests', requirePermission('record.transition'), validate('json', ChangeRequestBody), async (c) => {
    const body = c.req.valid('json');
    const { now } = c.get('deps');
    const config = await c.get('calendars').config();
    return mutate(c, 'change_request', 'record.transition', (doc) => addChangeRequest(doc, body, config, now()));
  })
  .post(
    '/:id/change-requests/:requestId/decision',
    requirePermission('record.assess'),
    validate('json', ChangeRequestDecisionBody),
    async (c) => {
      const { approve } = c.req.valid('json');
      const requestId = c.req.param('requestId');
      return mutate(c, approve ? 'change_request:approve' : 'change_request:reject', 'record.assess', (doc, actor) =>
        decideChangeRequest(doc, requestId, approve, staffRef(actor), c.get('deps').now()),
      );
    },
  )
  .post('/:id/satisfaction', requirePermission('record.transition'), validate('json', SatisfactionBody), async (c) => {
    const body = c.req.valid('json');
    return mutate(c, 'satisfaction', 'record.transition', (doc) => addSatisfaction(doc, body, c.get('deps').now()));
  })
  .post('/:id/merge', requirePermission('record.merge'), validate('json', MergeBody), async (c) => {
    const { into } = c.req.valid('json');
    const target = await load(c, into);
    if (target.doc.id === c.req.param('id') || target.doc.mergedInto) {
      throw new ApiError(409, 'conflict', 'Merge into a different record that is not itself merged.');
    }
    return mutate(c, 'merge', 'record.merge', (doc) => {
      if (doc.id === target.doc.id) throw new ApiError(409, 'conflict', 'A record cannot be merged into itself.');
      if (doc.mergedInto) throw new ApiError(409, 'conflict', 'The record is already merged; unmerge it first.');
      return { ...doc, mergedInto: target.doc.id };
    });
  })
  .post('/:id/unmerge', requirePermission('record.merge'), async (c) =>
    mutate(c, 'unmerge', 'record.merge', (doc) => {
      if (!doc.mergedInto) throw new ApiError(409, 'conflict', 'The record is not merged.');
      return { ...doc, mergedInto: null };
    }),
  );
