import type { Record as EchoRecord } from '../schemas/record';
import type { StaffRef } from '../schemas/common';
import { missingYears, type Deadline, type WorkingDayCalendar } from './calendar';
import { responseDue } from './deadlines';
import { ok, type Result } from './result';
import { transition, type WorkflowAction, type WorkflowActor, type WorkflowState } from './workflow';

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
function responseDeadline(doc: EchoRecord, calendar: WorkingDayCalendar): Deadline | null {
  if (!doc.urgency) return null;
  const due = responseDue(new Date(doc.recordedAt), doc.urgency, calendar);
  return due.ok ? due.value : null;
}

/**
 * The record with its response deadline counted again (DOMAIN.md §5), flagged with the years it
 * was counted through without a calendar (never silently weekends-only, §11).
 */
export function withResponseDeadline(doc: EchoRecord, calendar: WorkingDayCalendar): EchoRecord {
  const due = responseDeadline(doc, calendar);
  const { dueCalendarMissing: _dropped, ...rest } = doc;
  const missing = due ? missingYears(due.warnings) : [];
  return { ...rest, dueAt: due ? due.due.toISOString() : null, ...(missing.length ? { dueCalendarMissing: missing } : {}) };
}

/**
 * A workflow action applied to a record (shared/domain/workflow decides whether it may happen):
 * screening sets the deadline, starting sets the owner (`owner`, resolved by the caller from the
 * action's ownerId), and a reopen starts a new cycle whose result is still to come.
 */
export function transitionRecord(
  doc: EchoRecord,
  action: WorkflowAction,
  actor: WorkflowActor,
  owner: StaffRef | null,
  calendar: WorkingDayCalendar,
): Result<EchoRecord> {
  const decided = transition(workflowStateOf(doc), action, actor);
  if (!decided.ok) return decided;
  const patch = decided.value;
  let next: EchoRecord = { ...doc, status: patch.status };
  if (patch.validity) next.validity = patch.validity;
  if (patch.nature) next.nature = patch.nature;
  if (patch.urgency) next.urgency = patch.urgency;
  if (patch.result !== undefined) next.result = patch.result;
  if (patch.invalidReason !== undefined) next.invalidReason = patch.invalidReason;
  if (patch.ownerId) next.owner = owner;
  if (patch.validity === 'valid') next = withResponseDeadline({ ...next, invalidReason: null }, calendar);
  // The dissatisfied follow-up the reopen answers stays due 3 working days after the rating (obligations).
  if (patch.cycle) next = { ...next, cycle: patch.cycle, result: null };
  return ok(next);
}
