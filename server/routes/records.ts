import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv, Actor } from '../context';
import { problem, fail, ApiError } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import {
  auditTrail,
  duplicatesOf,
  getRecord,
  listRecords,
  requesterCounts,
  updateRecord,
  type StoredRecord,
} from '../store/records';
import { createRecords, type CreateItem } from '../store/create-records';
import { canonicalHash } from '../store/canonical-hash';
import { sealConsented } from '../contacts/consented';
import { similarRecords } from '../store/similar-records';
import { v7 as uuidv7 } from 'uuid';
import { activeOwner } from '../records/active-owner';
import { listContext } from '../records/list-context';
import { orFail } from '../records/apply';
import { loadRecord as load } from '../records/load-record';
import { requestersRoutes } from './requesters';
import { askedBy } from '../../shared/domain/asked-by';
import { can, canOnRecord } from '../../shared/domain/permissions';
import { availableActions } from '../../shared/domain/workflow';
import { transitionRecord, workflowStateOf } from '../../shared/domain/record-workflow';
import { editRecord } from '../../shared/domain/record-edit';
import { logProgress } from '../../shared/domain/progress';
import { addCommunication } from '../../shared/domain/communication';
import { decideChangeRequest, fileChangeRequest } from '../../shared/domain/change-request';
import { rateAndReopen } from '../../shared/domain/rating';
import { mergeRecord, unmergeRecord } from '../../shared/domain/merge';
import { computeObligations } from '../../shared/domain/obligations';
import { maskRecord } from '../../shared/domain/record-masking';
import { timeLeft } from '../../shared/domain/time-left';
import type { NextObligation } from '../../shared/schemas/obligation';
import { RecordPatch, toRecordSummary } from '../../shared/schemas/record';
import { RecordCreateBody } from '../../shared/schemas/record-create';
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
import type { Record as EchoRecord } from '../../shared/schemas/record';

const author = (actor: Actor) => ({ id: actor.id, label: `${actor.name} (${actor.role})` });
const staffRef = (actor: Actor) => ({ id: actor.id, name: actor.name });

/** Parse `If-Match: "3"` (or W/"3", or 3) into a version number. */
export function ifMatch(c: Context, required: boolean): number | undefined {
  const header = c.req.header('if-match');
  if (!header) {
    if (required) throw problem('precondition_required', { detail: 'Send If-Match with the version you edited.' });
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw problem('validation_failed', { detail: 'If-Match must be the record version, e.g. "3".' });
  return Number(match[1]);
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
  // Every write masks the whole record again, so no route can store personal data readable (DOMAIN.md §3).
  const { doc, obligations } = await updateRecord(db, stored.doc.id, action, async (current) => maskRecord(await change(current.doc, actor)), {
    now: now(),
    author: author(actor),
    // Obligations are counted on the company's calendars as stored now (a year added through the API applies).
    calendar: (await c.get('calendars').config()).calendar,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  c.header('etag', `"${doc.version}"`);
  return c.json({ record: doc, obligations });
}

/**
 * A create body as the item to store: the record (its contact masked again when stored) and the
 * consented contact sealed for the vault. The idempotency hash covers both, so a retry with the
 * same contact is a duplicate and one with another contact a conflict; without one it is the hash
 * of the record alone, as before.
 */
function createItemOf(c: Context<AppEnv>, body: RecordCreateBody): CreateItem {
  const { consentedContact, ...input } = body;
  return { input, bodyHash: canonicalHash(body), ...sealConsented(c.get('deps').config.contactKeys, input.id, consentedContact) };
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
        const parsed = z.safeParse(RecordCreateBody, raw);
        if (!parsed.success) {
          return { answer: { id: raw.id, status: 'rejected', error: { code: 'validation_failed', message: 'The record is invalid.', errors: fieldIssues(parsed.error) } } };
        }
        try {
          return { store: createItemOf(c, parsed.data) };
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return { answer: { id: raw.id, status: 'rejected', error: { code: error.code, message: error.message } } };
        }
      },
      (items) => createRecords(db, items, { now: now(), timeZone: config.timeZone, calendar: config.calendar, author: author(actor), createdBy: actor.id }),
    );
    return c.json({ results });
  })
  .post('/', requirePermission('record.create'), validate('json', RecordCreateBody), async (c) => {
    const { db, config, now } = c.get('deps');
    const actor = c.get('actor');
    const result = await c.get('recordWriter').create({ ...createItemOf(c, c.req.valid('json')), author: author(actor), createdBy: actor.id, client: actor.id });
    if (result.status === 'rejected') {
      throw problem(result.error.code, { detail: result.error.message });
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
    const at = now();
    const query = c.req.valid('query');
    const page = await listRecords(db, query, await listContext(c, query, at));
    const asked = await requesterCounts(db, page.items.map((doc) => doc.id));
    const { calendar } = await c.get('calendars').config();
    /** The next obligation with its time left on the company calendar (the queue's deadline column). */
    const withTimeLeft = (next: NextObligation | null | undefined) => {
      if (!next) return null;
      const left = timeLeft(new Date(next.dueAt), at, calendar);
      return left.ok ? { ...next, timeLeft: left.value } : next;
    };
    return c.json({
      items: page.items.map((doc, i) => ({ ...toRecordSummary(doc), nextObligation: withTimeLeft(page.next[i]), askedBy: askedBy(doc, (asked.get(doc.id) ?? 1) - 1) })),
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
  .get('/:id/similar', requirePermission('record.read'), async (c) => {
    const stored = await load(c, c.req.param('id'));
    const ranked = await similarRecords(c.get('deps').db, stored.doc, 5);
    return c.json({ items: ranked.map((m) => ({ record: toRecordSummary(m.candidate), score: Math.round(m.score * 1000) / 1000 })) });
  })
  .patch('/:id', requirePermission('record.edit'), validate('json', RecordPatch), async (c) => {
    const patch = c.req.valid('json');
    // Only a new urgency recounts the deadline, so only then are the stored calendars read.
    const { calendar } = patch.urgency === undefined ? c.get('deps').config : await c.get('calendars').config();
    return mutate(c, 'edit', 'record.edit', (doc, actor) => orFail(editRecord(doc, patch, actor.role, calendar)), { requireVersion: true });
  })
  .post('/:id/transitions', requirePermission('record.transition'), validate('json', TransitionBody), async (c) => {
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    const { calendar } = await c.get('calendars').config();
    const owner = body.type === 'start' && body.ownerId ? await activeOwner(db, body.ownerId, ['ownerId']) : null;
    return mutate(c, `transition:${body.type}`, 'record.transition', (doc, actor) =>
      orFail(transitionRecord(doc, body, { id: actor.id, role: actor.role }, owner ?? doc.owner, calendar)),
    );
  })
  .post('/:id/progress', requirePermission('record.transition'), validate('json', ProgressBody), async (c) => {
    const body = c.req.valid('json');
    return mutate(c, 'progress', 'record.transition', (doc, actor) => orFail(logProgress(doc, body, staffRef(actor), c.get('deps').now())));
  })
  .post('/:id/communications', requirePermission('record.transition'), validate('json', CommunicationBody), async (c) => {
    const body = c.req.valid('json');
    let communicationId = '';
    let recordId = '';
    const response = await mutate(c, 'communication', 'record.transition', (doc, actor) => {
      const next = orFail(addCommunication(doc, body, staffRef(actor), uuidv7(), c.get('deps').now()));
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
    const { calendar } = await c.get('calendars').config();
    const owner = body.adjustedOwnerId ? await activeOwner(c.get('deps').db, body.adjustedOwnerId, ['adjustedOwnerId']) : undefined;
    return mutate(c, 'change_request', 'record.transition', (doc) => orFail(fileChangeRequest(doc, body, calendar, uuidv7(), now(), owner)));
  })
  .post(
    '/:id/change-requests/:requestId/decision',
    requirePermission('record.assess'),
    validate('json', ChangeRequestDecisionBody),
    async (c) => {
      const { approve } = c.req.valid('json');
      const requestId = c.req.param('requestId');
      // The owner named at filing may have left since: an approval hands the record to an active member
      // only (looked up before the write's transaction, which holds the one PGlite connection).
      const request = approve ? (await load(c, c.req.param('id'))).doc.changeRequests.find((r) => r.id === requestId) : undefined;
      if (request?.state === 'pending' && request.adjustedOwner) await activeOwner(c.get('deps').db, request.adjustedOwner.id, ['adjustedOwnerId']);
      return mutate(c, approve ? 'change_request:approve' : 'change_request:reject', 'record.assess', (doc, actor) =>
        orFail(decideChangeRequest(doc, requestId, approve, staffRef(actor), c.get('deps').now())),
      );
    },
  )
  .post('/:id/satisfaction', requirePermission('record.transition'), validate('json', SatisfactionBody), async (c) => {
    const body = c.req.valid('json');
    return mutate(c, 'satisfaction', 'record.transition', (doc) => orFail(rateAndReopen(doc, body, c.get('deps').now())));
  })
  .post('/:id/merge', requirePermission('record.merge'), validate('json', MergeBody), async (c) => {
    const { into } = c.req.valid('json');
    const survivor = (await load(c, into)).doc;
    return mutate(c, 'merge', 'record.merge', (doc) => orFail(mergeRecord(doc, survivor)));
  })
  .post('/:id/unmerge', requirePermission('record.merge'), async (c) =>
    mutate(c, 'unmerge', 'record.merge', (doc) => orFail(unmergeRecord(doc))),
  )
  .route('/', requestersRoutes);
