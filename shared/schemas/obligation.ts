import * as z from 'zod/mini';
import { IsoDateTime } from './common';

/** Every deadline of the process (DOMAIN.md §12); UI label key 'obligation.kind.<kind>'. */
export const OBLIGATION_KINDS = [
  'recording',
  'response',
  'adoption_notice',
  'not_adopted_notice',
  'weekly_progress',
  'change_request_lead',
  'task_completion',
  'dissatisfied_follow_up',
  'post_release_follow_up',
] as const;
/** One obligation kind. */
export const ObligationKind = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof ObligationKind>;

/** Met, open (not yet due), or breached (open and past due: "overdue"); label key 'obligation.state.<state>'. */
export const OBLIGATION_STATES = ['met', 'open', 'breached'] as const;
/** One obligation state. */
export const ObligationState = z.enum(OBLIGATION_STATES);
export type ObligationState = z.infer<typeof ObligationState>;

/** What met an obligation; label key 'obligation.act.<act>'. */
export const OBLIGATION_ACTS = ['recorded', 'communication', 'screening', 'progress', 'done', 'filed'] as const;
/** One act. */
export const ObligationAct = z.enum(OBLIGATION_ACTS);
export type ObligationAct = z.infer<typeof ObligationAct>;

/** On track, due within one working day, or breached (shared/domain/time-left); label key 'obligation.standing.<standing>'. */
export const STANDINGS = ['on_track', 'due_soon', 'breached'] as const;

/** Time left on the company calendar: working days between today and the due day, and clock hours to (or since) the due instant. */
export const TimeLeft = z.object({ standing: z.enum(STANDINGS), workingDays: z.int().check(z.gte(0)), hours: z.int().check(z.gte(0)) });
export type TimeLeft = z.infer<typeof TimeLeft>;

/** One obligation of a record: what is due, by when, and what met it (DOMAIN.md §12). */
export const Obligation = z.object({
  kind: ObligationKind,
  /** When the obligation began (the contact, the decision, the rating, the last progress update…). */
  startsAt: IsoDateTime,
  dueAt: IsoDateTime,
  state: ObligationState,
  metAt: z.nullable(IsoDateTime),
  /** The act that met it; `ref` is the communication or change request id where there is one. */
  metBy: z.nullable(z.object({ act: ObligationAct, ref: z.optional(z.string()) })),
  /** Met, but after its due instant (counts against compliance). */
  late: z.boolean(),
  /** Years the deadline was counted through without a working-day calendar (weekends only were skipped). */
  missingCalendarYears: z.optional(z.array(z.int())),
  /** While unmet: working days and hours left (or since, when breached) at the time of the answer. */
  timeLeft: z.optional(TimeLeft),
});
export type Obligation = z.infer<typeof Obligation>;

/** The obligation a record owes next, as the queue shows and sorts it (with the time left in the record list). */
export const NextObligation = z.object({ kind: ObligationKind, dueAt: IsoDateTime, overdue: z.boolean(), timeLeft: z.optional(TimeLeft) });
export type NextObligation = z.infer<typeof NextObligation>;
