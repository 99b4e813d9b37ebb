import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../errors';
import type { AppConfig } from '../context';
import { responseDue, isChangeRequestTimely } from '../../shared/domain/deadlines';
import { missingYears, type Deadline } from '../../shared/domain/calendar';
import { canRate } from '../../shared/domain/rating';
import { suggestPriority } from '../../shared/domain/priority';
import type { WorkflowPatch, WorkflowState } from '../../shared/domain/workflow';
import type { DomainError } from '../../shared/domain/result';
import type { Record as EchoRecord, RecordPatch } from '../../shared/schemas/record';
import type {
  ChangeRequestBody,
  CommunicationBody,
  ProgressBody,
  SatisfactionBody,
} from '../../shared/schemas/record-commands';
import type { StaffRef } from '../../shared/schemas/common';

/*
 * Pure record mutations used by the routes: each takes the current record and returns the next one,
 * or throws an ApiError that the route answers with. The store adds version, time and audit.
 */

/** Turn a shared/domain failure into the HTTP error the API answers with. */
export function domainFailure(error: DomainError): ApiError {
  const status = error.code === 'forbidden' ? 403 : error.code === 'invalid_transition' || error.code === 'guard_failed' ? 409 : 400;
  return new ApiError(status, error.code, error.message, {
    ...(error.details ? { details: error.details } : {}),
    ...(error.path ? { errors: [{ path: [...error.path], code: String(error.details?.guard ?? error.code), message: error.message }] } : {}),
  });
}

/** When the current handling cycle began: after the rating that reopened it (or the beginning). */
function cycleStart(doc: EchoRecord): number {
  return doc.satisfaction
    .filter((s) => s.cycle < doc.cycle)
    .reduce((latest, s) => Math.max(latest, Date.parse(s.at)), Number.NEGATIVE_INFINITY);
}

/** The workflow-relevant state of a record, with communications and rating of the current cycle only. */
export function workflowStateOf(doc: EchoRecord): WorkflowState {
  const since = cycleStart(doc);
  const rating = doc.satisfaction
    .filter((s) => s.cycle === doc.cycle)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .at(-1);
  return {
    status: doc.status,
    validity: doc.validity,
    nature: doc.nature,
    urgency: doc.urgency,
    ownerId: doc.owner?.id ?? null,
    result: doc.result,
    invalidReason: doc.invalidReason,
    communicationKinds: doc.communications.filter((c) => Date.parse(c.at) >= since).map((c) => c.kind),
    latestSatisfaction: rating?.rating ?? null,
    cycle: doc.cycle,
  };
}

/** The response deadline for a record's urgency, counted from when it was recorded; null without urgency. */
export function dueFor(doc: EchoRecord, config: AppConfig): Deadline | null {
  if (!doc.urgency) return null;
  const due = responseDue(new Date(doc.recordedAt), doc.urgency, config.calendar);
  return due.ok ? due.value : null;
}

/** Set the record's deadline, flagged with the years it was counted through without a calendar (never silently weekends-only). */
function setDue(next: EchoRecord, due: Deadline | null): void {
  next.dueAt = due ? due.due.toISOString() : null;
  const missing = due ? missingYears(due.warnings) : [];
  if (missing.length) next.dueCalendarMissing = missing;
  else delete next.dueCalendarMissing;
}

/** Apply a workflow patch: status and fields, deadline on screening, a new cycle on reopen. */
export function applyWorkflow(
  doc: EchoRecord,
  patch: WorkflowPatch,
  owner: StaffRef | null,
  config: AppConfig,
): EchoRecord {
  const next: EchoRecord = { ...doc, status: patch.status };
  if (patch.validity) next.validity = patch.validity;
  if (patch.nature) next.nature = patch.nature;
  if (patch.urgency) next.urgency = patch.urgency;
  if (patch.result !== undefined) next.result = patch.result;
  if (patch.invalidReason !== undefined) next.invalidReason = patch.invalidReason;
  if (patch.ownerId) next.owner = owner;
  if (patch.validity === 'valid') {
    next.invalidReason = null;
    setDue(next, dueFor(next, config));
  }
  // A reopen starts a new cycle; the follow-up it answers was due 3 working days after the rating (obligations).
  if (patch.cycle) {
    next.cycle = patch.cycle;
    next.result = null;
  }
  return next;
}

/** Fields only screening and assessment roles may set through PATCH. */
export const REVIEW_FIELDS = [
  'nature',
  'urgency',
  'owner',
  'responsibleDepartment',
  'assessment',
  'taskOrder',
  'result',
] as const satisfies ReadonlyArray<keyof RecordPatch>;

/** Apply a field patch: null clears, absent keeps; recompute deadline and suggested score. */
export function applyPatch(doc: EchoRecord, patch: RecordPatch, config: AppConfig): EchoRecord {
  const next = { ...doc } as { [key: string]: unknown };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      if (key in { nature: 1, urgency: 1, owner: 1, responsibleDepartment: 1, assessment: 1, taskOrder: 1, result: 1 }) next[key] = null;
      else delete next[key];
    } else next[key] = value;
  }
  const record = next as unknown as EchoRecord;
  if (record.contact !== undefined && !record.contactConsent) {
    throw new ApiError(400, 'validation_failed', 'Contact details need the customer’s consent.', {
      errors: [{ path: ['contact'], code: 'contact_requires_consent', message: 'Set contactConsent: true or remove contact.' }],
    });
  }
  if (patch.assessment) {
    const suggestion = suggestPriority(patch.assessment);
    if (suggestion.ok) record.assessment = { ...patch.assessment, score: suggestion.value.score };
  }
  if (patch.urgency !== undefined && record.validity === 'valid') setDue(record, dueFor(record, config));
  return record;
}

/** Append a progress update on a milestone. */
export function addProgress(doc: EchoRecord, body: ProgressBody, by: StaffRef, now: Date): EchoRecord {
  if (doc.status !== 'in_progress') {
    throw new ApiError(409, 'invalid_transition', 'Progress can be logged only while the record is in progress.');
  }
  return { ...doc, progress: [...doc.progress, { ...body, at: now.toISOString(), by }] };
}

/** Append a message to the customer. */
export function addCommunication(doc: EchoRecord, body: CommunicationBody, by: StaffRef, now: Date): EchoRecord {
  if (body.kind === 'adopted' && !body.expectedVersion) {
    throw new ApiError(400, 'validation_failed', 'Say in which version the suggestion is expected.', {
      errors: [{ path: ['expectedVersion'], code: 'too_small', message: 'Required when kind is adopted.' }],
    });
  }
  return {
    ...doc,
    communications: [...doc.communications, { id: uuidv7(), ...body, at: now.toISOString(), by }],
  };
}

/** File a change request; it must come at least 2 working days before it takes effect. */
export function addChangeRequest(doc: EchoRecord, body: ChangeRequestBody, config: AppConfig, now: Date): EchoRecord {
  const timely = isChangeRequestTimely(now, new Date(body.effectiveAt), config.calendar);
  if (!timely.ok) throw domainFailure(timely.error);
  // A lead counted through a year without a calendar is flagged, on the refusal and on the request.
  const missing = missingYears(timely.value.warnings);
  const flag = missing.length ? { calendarMissing: missing } : {};
  if (!timely.value.timely) {
    const dueBy = timely.value.dueBy.toISOString();
    throw new ApiError(400, 'guard_failed', `A change request must be filed at least 2 working days before it takes effect: this one was due by ${dueBy}.`, {
      details: { guard: 'change_request_late', dueBy },
      errors: [{ path: ['effectiveAt'], code: 'too_late', message: `Due by ${dueBy}; pick a later effective date.` }],
      ...flag,
    });
  }
  return {
    ...doc,
    changeRequests: [
      ...doc.changeRequests,
      { id: uuidv7(), ...body, filedAt: now.toISOString(), state: 'pending', ...flag },
    ],
  };
}

/** Approve or reject a pending change request. */
export function decideChangeRequest(doc: EchoRecord, requestId: string, approve: boolean, by: StaffRef, now: Date): EchoRecord {
  const request = doc.changeRequests.find((r) => r.id === requestId);
  if (!request) throw new ApiError(404, 'not_found', 'The change request was not found.');
  if (request.state !== 'pending') throw new ApiError(409, 'conflict', 'The change request was already decided.');
  // Only an approved change takes effect (DOMAIN.md §7): then the task order gets the adjusted deadline.
  const taskOrder = approve && request.adjustedDeadline && doc.taskOrder ? { ...doc.taskOrder, deadline: request.adjustedDeadline } : doc.taskOrder;
  return {
    ...doc,
    taskOrder,
    changeRequests: doc.changeRequests.map((r) =>
      r.id === requestId ? { ...r, state: approve ? 'approved' : 'rejected', decidedBy: by, decidedAt: now.toISOString() } : r,
    ),
  };
}

/**
 * Record the customer's rating of the current cycle (shared/domain/rating: finished, not invalid, once
 * per cycle). A dissatisfied rating's follow-up is an obligation due 3 working days after it.
 */
export function addSatisfaction(doc: EchoRecord, body: SatisfactionBody, now: Date): EchoRecord {
  const allowed = canRate(doc);
  if (!allowed.ok) throw new ApiError(409, allowed.error.code, allowed.error.message, allowed.error.details ? { details: allowed.error.details } : {});
  return { ...doc, satisfaction: [...doc.satisfaction, { ...body, at: now.toISOString(), cycle: doc.cycle }] };
}
