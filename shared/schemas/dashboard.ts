import * as z from 'zod/mini';
import { IsoDateTime } from './common';
import { Nature, Priority, Source, Status, Urgency } from './enums';
import { ObligationKind } from './obligation';
import { SurveysPanel } from './dashboard-surveys';
import { TopicsPanel } from './dashboard-topics';

const Count = z.int().check(z.gte(0));
/** The range a panel was computed for, as instants (from inclusive, to exclusive), and the clock it was read at. */
const Range = { from: IsoDateTime, to: IsoDateTime, now: IsoDateTime };

/** One value of a breakdown and how many records have it (null: the field is not set yet). */
const Bucket = <T extends z.ZodMiniType>(key: T) => z.object({ key: z.nullable(key), count: Count });

/** Records created in the range, by status, nature, priority, source and department. */
export const RecordsPanel = z.object({
  ...Range,
  total: Count,
  byStatus: z.array(Bucket(Status)),
  byNature: z.array(Bucket(Nature)),
  byPriority: z.array(Bucket(Priority)),
  bySource: z.array(Bucket(Source)),
  byDepartment: z.array(Bucket(z.string())),
});
export type RecordsPanel = z.infer<typeof RecordsPanel>;

/**
 * How many records have an obligation in each compliance state (shared/domain/compliance): a record
 * counts once per state, so each figure is exactly the records the queue shows for it.
 */
export const ComplianceCell = z.object({ metInTime: Count, metLate: Count, breached: Count, open: Count });
export type ComplianceCell = z.infer<typeof ComplianceCell>;

/** A period of the compliance trend: its bounds clipped to the range, as the queue link uses them. */
const Period = z.extend(ComplianceCell, { start: IsoDateTime, end: IsoDateTime });

/** Obligations due in the range, by compliance state: overall, per kind, urgency, department, owner, week and month. */
export const CompliancePanel = z.object({
  ...Range,
  total: ComplianceCell,
  byKind: z.array(z.extend(ComplianceCell, { key: ObligationKind })),
  byUrgency: z.array(z.extend(ComplianceCell, { key: z.nullable(Urgency) })),
  byDepartment: z.array(z.extend(ComplianceCell, { key: z.string() })),
  byOwner: z.array(z.extend(ComplianceCell, { key: z.nullable(z.string()), name: z.nullable(z.string()) })),
  byWeek: z.array(Period),
  byMonth: z.array(Period),
});
export type CompliancePanel = z.infer<typeof CompliancePanel>;

/** Median and 90th percentile of a duration in working milliseconds, over `count` records (null when none). */
export const DurationStats = z.object({ count: Count, medianMs: z.nullable(z.number()), p90Ms: z.nullable(z.number()) });
export type DurationStats = z.infer<typeof DurationStats>;

/** Time to first response (records created in the range whose response is met) and to done, in working time. */
export const DurationsPanel = z.object({ ...Range, firstResponse: DurationStats, toDone: DurationStats });
export type DurationsPanel = z.infer<typeof DurationsPanel>;

/** Age bands of the backlog, in days since creation: [min, max) and max null for "and older". */
export const BacklogBand = z.object({ minDays: Count, maxDays: z.nullable(Count), count: Count, createdFrom: IsoDateTime, createdTo: IsoDateTime });
export type BacklogBand = z.infer<typeof BacklogBand>;

/** Records created in the range still pending analysis or in progress, by age now. */
export const BacklogPanel = z.object({ ...Range, total: Count, bands: z.array(BacklogBand) });
export type BacklogPanel = z.infer<typeof BacklogPanel>;

/**
 * Records rated in one period (a month `2026-03` or a quarter `2026-Q1`, company zone), by answer:
 * `rated` records in all, each answer's count the records given it then. `start`/`end` are the
 * period's bounds clipped to the range, as the queue link's ratedFrom/ratedTo use them.
 */
export const SatisfactionPeriod = z.object({
  period: z.string(),
  start: IsoDateTime,
  end: IsoDateTime,
  rated: Count,
  satisfied: Count,
  basicallySatisfied: Count,
  dissatisfied: Count,
});
export type SatisfactionPeriod = z.infer<typeof SatisfactionPeriod>;

/** Satisfaction (满意 / 基本满意 / 不满意): records rated in the range by month and quarter, and the dissatisfied follow-ups due in it. */
export const SatisfactionPanel = z.object({
  ...Range,
  totals: z.object({ rated: Count, satisfied: Count, basicallySatisfied: Count, dissatisfied: Count }),
  byMonth: z.array(SatisfactionPeriod),
  byQuarter: z.array(SatisfactionPeriod),
  followUps: ComplianceCell,
});
export type SatisfactionPanel = z.infer<typeof SatisfactionPanel>;

/** Every panel of the dashboard by its path under /api/v1/dashboard, with the schema its answer parses with. */
export const DASHBOARD_PANELS = {
  records: RecordsPanel,
  compliance: CompliancePanel,
  durations: DurationsPanel,
  backlog: BacklogPanel,
  satisfaction: SatisfactionPanel,
  surveys: SurveysPanel,
  topics: TopicsPanel,
} as const;
/** One panel name. */
export type DashboardPanelName = keyof typeof DASHBOARD_PANELS;
/** The answer of each panel. */
export type DashboardPanels = { [P in DashboardPanelName]: z.infer<(typeof DASHBOARD_PANELS)[P]> };
