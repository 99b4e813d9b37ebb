import type { Record as EchoRecord } from '../schemas/record';
import type { RequesterEntry, RequesterLinkBody } from '../schemas/requester-entry';
import type { StaffRef } from '../schemas/common';
import { LIMITS } from '../schemas/common';
import { canonicalJson } from './document-tag';
import { maskRequesterEntry } from './record-masking';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/** What linking did: the record with the new entry, or the same record for a retry of a link it already holds. */
export interface LinkOutcome {
  doc: EchoRecord;
  replay: boolean;
}

const refuse = (guard: RecordGuard, message: string) => err('conflict', message, { details: { guard } });

/** The body a stored entry was linked with, to compare a retry against (the server's additions left out). */
function bodyOf(entry: RequesterEntry): RequesterLinkBody {
  const { linkedBy: _by, linkedAt: _at, undone: _undone, ...body } = entry;
  return body;
}

/**
 * Link another requester of the same need to a record (DOMAIN.md §4–§5, "asked by N"): the entry
 * is kept on the record as that customer's own, masked, with who linked it and when. Idempotent by
 * the entry's client id: the same body again is a replay (nothing changes), another body under that
 * id is 'idempotency_conflict', and a link a reviewer has undone is not restored by a retry
 * ('conflict'). A merged record's requesters belong to its survivor, and a closed or invalid
 * record's loop with its customers is over (§5, §8), so those refuse new requesters ('conflict').
 */
export function linkRequester(doc: EchoRecord, body: RequesterLinkBody, by: StaffRef, at: Date): Result<LinkOutcome> {
  const incoming = maskRequesterEntry(body);
  const existing = doc.requesters?.find((e) => e.id === body.id);
  if (existing) {
    if (canonicalJson(maskRequesterEntry(bodyOf(existing))) !== canonicalJson(incoming)) {
      return err('idempotency_conflict', 'This link id was already used with another body; a new link needs a new id.', { path: ['id'] });
    }
    if (existing.undone) return refuse('link_undone', 'A reviewer undid this link.');
    return ok({ doc, replay: true });
  }
  if (doc.mergedInto) return refuse('link_target_merged', 'The record is merged into another; link to the surviving record.');
  if (doc.validity === 'invalid') return refuse('link_target_invalid', 'The record was marked invalid; record the request as a new one.');
  if (doc.status === 'closed') return refuse('link_target_closed', 'The record is closed; record the request as a new one.');
  const requesters = doc.requesters ?? [];
  if (requesters.length >= LIMITS.history) {
    return err('validation_failed', `A record keeps at most ${LIMITS.history} linked requesters.`, { path: ['id'], details: { maximum: LIMITS.history } });
  }
  const entry: RequesterEntry = { ...incoming, linkedBy: by, linkedAt: at.toISOString() };
  return ok({ doc: { ...doc, requesters: [...requesters, entry] }, replay: false });
}

/**
 * Undo a link (reviewers): the entry stops counting and leaves the requester list, but stays on the
 * record with who undid it and when, so the trail is whole and a late retry of the link cannot
 * bring it back. 'not_found' for an unknown entry, 'conflict' when already undone.
 */
export function undoRequesterLink(doc: EchoRecord, entryId: string, by: StaffRef, at: Date): Result<EchoRecord> {
  const entry = doc.requesters?.find((e) => e.id === entryId);
  if (!entry) return err('not_found', 'The record has no linked requester with this id.');
  if (entry.undone) return refuse('link_already_undone', 'This link was already undone.');
  const undone = { ...entry, undone: { by, at: at.toISOString() } };
  return ok({ ...doc, requesters: (doc.requesters ?? []).map((e) => (e.id === entryId ? undone : e)) });
}
