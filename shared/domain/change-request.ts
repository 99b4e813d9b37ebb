import type { StaffRef } from '../schemas/common';
import type { Record as EchoRecord } from '../schemas/record';
import type { ChangeRequestBody } from '../schemas/record-commands';
import { missingYears, type WorkingDayCalendar } from './calendar';
import { isChangeRequestTimely } from './deadlines';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/**
 * A change request with the id given, filed at `now` (DOMAIN.md §7): at least 2 working days before
 * it takes effect, else 'guard_failed' (guard change_request_late) saying by when it was due. A lead
 * counted through a year without a calendar is flagged, on the refusal and on the request.
 * `adjustedOwner` is the staff member `body.adjustedOwnerId` names, looked up by the caller.
 */
export function fileChangeRequest(
  doc: EchoRecord,
  body: ChangeRequestBody,
  calendar: WorkingDayCalendar,
  id: string,
  now: Date,
  adjustedOwner?: StaffRef,
): Result<EchoRecord> {
  // The request keeps the owner as looked up (id and name), not the bare id.
  const { adjustedOwnerId: _id, ...plan } = body;
  const timely = isChangeRequestTimely(now, new Date(body.effectiveAt), calendar);
  if (!timely.ok) return timely;
  const missing = missingYears(timely.value.warnings);
  const flag = missing.length ? { calendarMissing: missing } : {};
  if (!timely.value.timely) {
    const dueBy = timely.value.dueBy.toISOString();
    return err('guard_failed', `A change request must be filed at least 2 working days before it takes effect: this one was due by ${dueBy}.`, {
      path: ['effectiveAt'],
      details: { guard: 'change_request_late' satisfies RecordGuard, dueBy, ...flag },
    });
  }
  const owner = adjustedOwner ? { adjustedOwner } : {};
  return ok({ ...doc, changeRequests: [...doc.changeRequests, { id, ...plan, ...owner, filedAt: now.toISOString(), state: 'pending', ...flag }] });
}

/** Approve or reject a pending change request: 'not_found' for an unknown one, 'conflict' once decided. */
export function decideChangeRequest(doc: EchoRecord, requestId: string, approve: boolean, by: StaffRef, now: Date): Result<EchoRecord> {
  const request = doc.changeRequests.find((r) => r.id === requestId);
  if (!request) return err('not_found', 'The change request was not found.');
  if (request.state !== 'pending') return err('conflict', 'The change request was already decided.', { details: { state: request.state } });
  // Only an approved change takes effect (DOMAIN.md §7): then the task order gets the adjusted
  // deadline, and the record and its task order the adjusted owner.
  const deadline = approve ? request.adjustedDeadline : undefined;
  const owner = approve ? request.adjustedOwner : undefined;
  const taskOrder = doc.taskOrder && (deadline || owner) ? { ...doc.taskOrder, ...(deadline ? { deadline } : {}), ...(owner ? { ownerId: owner.id } : {}) } : doc.taskOrder;
  return ok({
    ...doc,
    ...(owner ? { owner } : {}),
    taskOrder,
    changeRequests: doc.changeRequests.map((r) =>
      r.id === requestId ? { ...r, state: approve ? 'approved' : 'rejected', decidedBy: by, decidedAt: now.toISOString() } : r,
    ),
  });
}

/** The change requests `after` shows decided that `before` still had pending: each is told to its filer once. */
export function newlyDecidedChangeRequests(before: EchoRecord, after: EchoRecord): EchoRecord['changeRequests'] {
  const pending = new Set(before.changeRequests.filter((r) => r.state === 'pending').map((r) => r.id));
  return after.changeRequests.filter((r) => r.state !== 'pending' && pending.has(r.id));
}
