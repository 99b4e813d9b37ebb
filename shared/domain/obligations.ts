import type { Handling } from '../schemas/enums';
import type { Obligation, ObligationAct, ObligationKind } from '../schemas/obligation';
import type { Record as EchoRecord } from '../schemas/record';
import type { CalendarWarning, Deadline, WorkingDayCalendar } from './calendar';
import {
  DISSATISFIED_FOLLOW_UP_WORKING_DAYS,
  POST_RELEASE_FOLLOW_UP_DAYS,
  RECORDING_HOURS,
  WEEKLY_PROGRESS_DAYS,
  ADOPTION_NOTICE_DAYS,
  addCalendarDays,
  changeRequestLatestFiling,
  dissatisfiedFollowUpDue,
  responseDue,
} from './deadlines';
import { timeLeft } from './time-left';
import { endOfLocalDay } from './time-zone';
import { ok, type Result } from './result';

/** One entry of a record's audit trail as the store keeps it (`before`/`after` hold the changed top-level fields). */
export interface AuditFact {
  action: string;
  at: string;
  before: unknown;
  after: unknown;
}

/** What obligations are computed from: the record and its audit trail (oldest first). */
export interface ObligationFacts {
  record: EchoRecord;
  audit: readonly AuditFact[];
}

/** Company settings that shape obligations. */
export interface ObligationOptions {
  /** Calendar days after release to follow up (default 14). */
  postReleaseFollowUpDays?: number;
}

const HOUR_MS = 3_600_000;
const ADOPTING: readonly Handling[] = ['develop', 'optimise'];

const time = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as { [k: string]: unknown })[key] : undefined;
const handlingOf = (assessment: unknown): unknown => fieldOf(assessment, 'handling');

/** The last instant an audit entry set `key` from nothing (or from a value `matches` refuses) to a value it accepts. */
function lastChangeInto(audit: readonly AuditFact[], key: string, matches: (value: unknown) => boolean): number | null {
  let at: number | null = null;
  for (const entry of audit) {
    if (entry.action === 'create' || !Object.hasOwn(Object(entry.after), key)) continue;
    if (matches(fieldOf(entry.after, key)) && !matches(fieldOf(entry.before, key))) at = time(entry.at);
  }
  return at;
}

const firstAction = (audit: readonly AuditFact[], actions: readonly string[]): number | null => {
  const entry = audit.find((e) => actions.includes(e.action));
  return entry ? time(entry.at) : null;
};
const lastAction = (audit: readonly AuditFact[], action: string): number | null => {
  const entry = audit.findLast((e) => e.action === action);
  return entry ? time(entry.at) : null;
};

/**
 * When the customer first contacted us, where the record knows it: a suggestion-box submission is
 * the contact itself; a clipped ticket dates its first customer message; a typed-in record says when
 * the customer was spoken to, if the recorder gave it.
 */
export function customerContactAt(record: EchoRecord): number | null {
  if (record.origin.kind === 'widget') return time(record.recordedAt);
  if (record.origin.kind === 'manual') return record.origin.contactedAt ? time(record.origin.contactedAt) : null;
  if (record.origin.kind === 'extension') {
    const first = record.origin.clip.ticket?.messages
      .filter((m) => m.role === 'customer' && m.at !== undefined)
      .map((m) => time(m.at as string))
      .sort((a, b) => a - b)[0];
    return first ?? null;
  }
  return null;
}

/**
 * Whether a message can reach the customer: widget reporters read their updates, a clipped ticket is
 * answered in the helpdesk, and otherwise only a contact left with consent.
 */
export function customerReachable(record: EchoRecord): boolean {
  if (record.origin.kind === 'widget') return true;
  if (record.origin.kind === 'extension' && record.origin.clip.ticket !== undefined) return true;
  return record.contactConsent && record.contact !== undefined;
}

interface Draft {
  kind: ObligationKind;
  startsAt: number;
  due: Result<Deadline>;
  met: { at: number; act: ObligationAct; ref?: string } | null;
}

const settle = (d: Draft, now: Date, calendar: WorkingDayCalendar): Obligation | null => {
  if (!d.due.ok) return null;
  const dueAt = d.due.value.due.getTime();
  const years = d.due.value.warnings.map((w: CalendarWarning) => w.details.year);
  // What is still owed says how long is left in working days on the company calendar, as in the queue.
  const left = d.met ? null : timeLeft(d.due.value.due, now, calendar);
  return {
    kind: d.kind,
    startsAt: iso(d.startsAt),
    dueAt: iso(dueAt),
    state: d.met ? 'met' : now.getTime() > dueAt ? 'breached' : 'open',
    metAt: d.met ? iso(d.met.at) : null,
    metBy: d.met ? { act: d.met.act, ...(d.met.ref === undefined ? {} : { ref: d.met.ref }) } : null,
    late: d.met !== null && d.met.at > dueAt,
    ...(years.length ? { missingCalendarYears: years } : {}),
    ...(left?.ok ? { timeLeft: left.value } : {}),
  };
};

/**
 * Every obligation of a record (DOMAIN.md §12), each met (when, by what, late or not), open, or
 * breached (open past due) at `now`. Deadlines count in the calendar's working days and time zone.
 * A record merged into another keeps only what was met: the survivor owes the rest. A record
 * screened without an urgency yet is held to routine's 5 working days for its response.
 */
export function computeObligations(
  facts: ObligationFacts,
  calendar: WorkingDayCalendar,
  now: Date,
  options: ObligationOptions = {},
): Obligation[] {
  const { record: r, audit } = facts;
  const zone = calendar.timeZone;
  const drafts: Draft[] = [];
  const recordedAt = time(r.recordedAt);
  const comms = [...r.communications].sort((a, b) => time(a.at) - time(b.at));
  const firstComm = (after: number, accept: (c: EchoRecord['communications'][number]) => boolean) => {
    const c = comms.find((x) => time(x.at) >= after && accept(x));
    return c ? { at: time(c.at), act: 'communication' as const, ref: c.id } : null;
  };
  const calendarDays = (from: number, n: number) => addCalendarDays(new Date(from), n, zone);

  const contactAt = customerContactAt(r);
  if (contactAt !== null) {
    drafts.push({
      kind: 'recording',
      startsAt: contactAt,
      due: ok({ due: new Date(contactAt + RECORDING_HOURS * HOUR_MS), warnings: [] }),
      met: { at: recordedAt, act: 'recorded' },
    });
  }

  const screenedAt = firstAction(audit, ['transition:mark_valid', 'transition:mark_invalid']);
  const reachable = customerReachable(r);
  drafts.push({
    kind: 'response',
    startsAt: recordedAt,
    due: responseDue(new Date(recordedAt), r.urgency ?? 'routine', calendar),
    met: reachable ? firstComm(recordedAt, () => true) : screenedAt === null ? null : { at: screenedAt, act: 'screening' },
  });

  const handling = r.assessment?.handling;
  if (r.validity !== 'invalid' && handling && ADOPTING.includes(handling)) {
    const decidedAt = lastChangeInto(audit, 'assessment', (a) => ADOPTING.includes(handlingOf(a) as Handling)) ?? time(r.createdAt);
    drafts.push({
      kind: 'adoption_notice',
      startsAt: decidedAt,
      due: calendarDays(decidedAt, ADOPTION_NOTICE_DAYS),
      met: firstComm(Number.NEGATIVE_INFINITY, (c) => c.kind === 'adopted' && c.expectedVersion !== undefined),
    });
  }

  const invalidAt = r.validity === 'invalid' ? lastAction(audit, 'transition:mark_invalid') : null;
  const notNowAt =
    r.validity !== 'invalid' && handling === 'not_now'
      ? (lastChangeInto(audit, 'assessment', (a) => handlingOf(a) === 'not_now') ?? time(r.createdAt))
      : null;
  // An invalid record nobody can be told about (spam, no contact) needs no notice.
  const refusedAt = invalidAt !== null && reachable ? invalidAt : notNowAt;
  if (refusedAt !== null) {
    drafts.push({
      kind: 'not_adopted_notice',
      startsAt: refusedAt,
      due: calendarDays(refusedAt, ADOPTION_NOTICE_DAYS),
      met: firstComm(Number.NEGATIVE_INFINITY, (c) => c.kind === 'not_adopted'),
    });
  }

  const orderedAt = r.taskOrder ? (lastChangeInto(audit, 'taskOrder', (t) => t !== null && t !== undefined) ?? time(r.createdAt)) : null;
  if (r.taskOrder && orderedAt !== null) {
    let anchor = orderedAt;
    for (const p of [...r.progress].sort((a, b) => time(a.at) - time(b.at))) {
      if (time(p.at) <= anchor) continue;
      drafts.push({ kind: 'weekly_progress', startsAt: anchor, due: calendarDays(anchor, WEEKLY_PROGRESS_DAYS), met: { at: time(p.at), act: 'progress' } });
      anchor = time(p.at);
    }
    if (r.status === 'in_progress') {
      // Reopened (不满意): the next update is owed a week after the record came back, not a week after
      // the last update of the cycle that was done, which would be overdue the moment it reopens.
      const back = lastChangeInto(audit, 'status', (s) => s === 'in_progress');
      const from = back !== null && back > anchor ? back : anchor;
      drafts.push({ kind: 'weekly_progress', startsAt: from, due: calendarDays(from, WEEKLY_PROGRESS_DAYS), met: null });
    }
    const doneAt = r.status === 'done' || r.status === 'closed' ? lastAction(audit, 'transition:complete') : null;
    const due = endOfLocalDay(r.taskOrder.deadline, zone);
    drafts.push({
      kind: 'task_completion',
      startsAt: orderedAt,
      due: due.ok ? ok({ due: due.value, warnings: [] }) : due,
      met: doneAt === null ? null : { at: doneAt, act: 'done' },
    });
  }

  for (const cr of r.changeRequests) {
    drafts.push({
      kind: 'change_request_lead',
      startsAt: time(cr.filedAt),
      due: changeRequestLatestFiling(new Date(cr.effectiveAt), calendar),
      met: { at: time(cr.filedAt), act: 'filed', ref: cr.id },
    });
  }

  for (const s of r.satisfaction) {
    if (s.rating !== 'dissatisfied') continue;
    const ratedAt = time(s.at);
    drafts.push({
      kind: 'dissatisfied_follow_up',
      startsAt: ratedAt,
      due: dissatisfiedFollowUpDue(new Date(ratedAt), calendar),
      met: firstComm(ratedAt, (c) => c.kind === 'second_contact'),
    });
  }

  const releasedAt =
    handling && ADOPTING.includes(handling) && r.validity !== 'invalid' && (r.status === 'done' || r.status === 'closed')
      ? lastAction(audit, 'transition:complete')
      : null;
  if (releasedAt !== null) {
    drafts.push({
      kind: 'post_release_follow_up',
      startsAt: releasedAt,
      due: calendarDays(releasedAt, options.postReleaseFollowUpDays ?? POST_RELEASE_FOLLOW_UP_DAYS),
      met: firstComm(releasedAt, (c) => c.kind === 'release_follow_up'),
    });
  }

  const merged = r.mergedInto !== null;
  return drafts
    .filter((d) => !merged || d.met !== null)
    .map((d) => settle(d, now, calendar))
    .filter((o): o is Obligation => o !== null);
}

/** The unmet obligation due first, which the queue sorts and filters by; null when nothing is owed. */
export function nextObligation(obligations: readonly Obligation[]): Obligation | null {
  return obligations.reduce<Obligation | null>(
    (next, o) => (o.state !== 'met' && (next === null || time(o.dueAt) < time(next.dueAt)) ? o : next),
    null,
  );
}
