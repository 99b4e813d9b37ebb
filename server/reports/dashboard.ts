import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { recordObligations as o, recordRatings, records, users } from '../db/schema';
import { obligationMatchSql, obligationStateSql } from './obligation-state';
import { ratingMatchSql } from './rating-match';
import { completedSql } from './completed';
import { dayBound } from '../store/records';
import { zonedMonths } from '../../shared/domain/zoned-months';
import type { DashboardQuery } from '../../shared/schemas/dashboard-query';
import type {
  BacklogPanel,
  ComplianceCell,
  CompliancePanel,
  DurationStats,
  DurationsPanel,
  RecordsPanel,
  SatisfactionPanel,
  SatisfactionPeriod,
} from '../../shared/schemas/dashboard';
import { COMPLIANCE_STATES, type ComplianceState } from '../../shared/schemas/compliance-state';
import type { ObligationKind } from '../../shared/schemas/obligation';

const DAY_MS = 86_400_000;
/** Without a `from`, panels look back this far. */
const DEFAULT_SPAN_MS = 365 * DAY_MS;

/** What every panel is computed over: the range as instants, the departments, the clock and the company's zone. */
export interface PanelScope {
  from: Date;
  to: Date;
  departments: readonly string[] | undefined;
  now: Date;
  timeZone: string;
}

/** The scope of a dashboard query: bare days are the company's, read exactly as the record list reads them (`dayBound`). */
export function panelScope(query: DashboardQuery, now: Date, timeZone: string): PanelScope {
  const to = query.to ? dayBound(query.to, true, timeZone) : now;
  const from = query.from ? dayBound(query.from, false, timeZone) : new Date(to.getTime() - DEFAULT_SPAN_MS);
  return { from, to, departments: query.department, now, timeZone };
}

const rowsOf = async <T>(db: Db, query: SQL): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
const iso = (d: Date) => d.toISOString();
const range = (s: PanelScope) => ({ from: iso(s.from), to: iso(s.to), now: iso(s.now) });
/** A validated IANA zone as an SQL literal: it must be the same text in SELECT and GROUP BY for PostgreSQL to match the expressions. */
const zoneLiteral = (timeZone: string) => sql.raw(`'${timeZone.replace(/'/g, "''")}'`);

/** A local time of the company's zone as an ISO instant (read in UTC, whatever the session's zone). */
const instantText = (local: SQL, zone: SQL) => sql`to_char((${local}) AT TIME ZONE ${zone} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The records a panel may count: not merged away (as the queue shows them) and in the departments. */
export function recordScope(s: PanelScope): SQL {
  const parts = [sql`${records.mergedInto} IS NULL`];
  if (s.departments?.length) parts.push(sql`${records.department} IN (${sql.join(s.departments.map((d) => sql`${d}`), sql`, `)})`);
  return sql.join(parts, sql` AND `);
}

/** Created in the range, as the record list's `from`/`to` select. */
export const createdIn = (s: PanelScope, from = s.from, to = s.to) =>
  sql`${records.createdAt} >= ${iso(from)}::timestamptz AND ${records.createdAt} < ${iso(to)}::timestamptz`;

const count = (value: unknown): number => Number(value ?? 0);

/** Records created in the range by status, nature, priority, source and department (one scan, grouping sets). */
export async function recordsPanel(db: Db, s: PanelScope): Promise<RecordsPanel> {
  const rows = await rowsOf<{ g: number; status: string | null; nature: string | null; priority: string | null; source: string | null; department: string | null; n: number }>(
    db,
    // Counted once per combination of the five (a few hundred), then added up per grouping set:
    // one hash lookup per record instead of five.
    sql`SELECT GROUPING(status, nature, priority, source, department) AS g, status, nature, priority, source, department, sum(n)::int AS n
      FROM (
        SELECT ${records.status} AS status, ${records.nature} AS nature, ${records.priority} AS priority, ${records.source} AS source,
          ${records.department} AS department, count(*) AS n
        FROM ${records}
        WHERE ${recordScope(s)} AND ${createdIn(s)}
        GROUP BY 1, 2, 3, 4, 5
      ) AS combinations
      GROUP BY GROUPING SETS ((status), (nature), (priority), (source), (department), ())`,
  );
  // GROUPING() sets a bit per column left out of the row's set, first column highest.
  const pick = <K extends 'status' | 'nature' | 'priority' | 'source' | 'department'>(key: K, bit: number) =>
    rows
      .filter((r) => count(r.g) === 0b11111 - bit)
      .map((r) => ({ key: r[key], count: count(r.n) }))
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  return {
    ...range(s),
    total: count(rows.find((r) => count(r.g) === 0b11111)?.n),
    byStatus: pick('status', 0b10000) as RecordsPanel['byStatus'],
    byNature: pick('nature', 0b01000) as RecordsPanel['byNature'],
    byPriority: pick('priority', 0b00100) as RecordsPanel['byPriority'],
    bySource: pick('source', 0b00010) as RecordsPanel['bySource'],
    byDepartment: pick('department', 0b00001) as RecordsPanel['byDepartment'],
  };
}

const CELL_KEYS: Record<ComplianceState, keyof ComplianceCell> = { met_in_time: 'metInTime', met_late: 'metLate', breached: 'breached', open: 'open' };

/** The obligation rows of the records a panel may count (as `recordScope`), from the rows' own record facts (migration 0028). */
function obligationScope(s: PanelScope): SQL {
  const parts = [sql`${o.live}`];
  if (s.departments?.length) parts.push(sql`${o.department} IN (${sql.join(s.departments.map((d) => sql`${d}`), sql`, `)})`);
  return sql.join(parts, sql` AND `);
}

/** Obligation rows of the scope's records due in the range, optionally of some kinds. */
const dueIn = (s: PanelScope, kinds?: readonly ObligationKind[]) =>
  sql`${obligationScope(s)} AND ${obligationMatchSql({ dueFrom: s.from, dueTo: s.to, ...(kinds ? { kinds } : {}) }, s.now)}`;

/**
 * Whether an obligation row is its record's first in its state over the range (and the period
 * beginning at `periodStart`): the due instant of the record's previous obligation in the same
 * class (`chain`: overall, or of the same kind) lies before them, and for open ones before now (the
 * unmet ones due before now are breached). Counting these rows counts each record once, as the
 * queue's obligationState filter lists them.
 */
const firstSql = (s: PanelScope, chain: typeof o.prevDue | typeof o.prevKindDue, periodStart?: SQL) =>
  sql`(${chain} IS NULL OR ${chain} < greatest(${iso(s.from)}::timestamptz, CASE WHEN ${obligationStateSql('open', s.now)} THEN ${iso(s.now)}::timestamptz END${periodStart ? sql`, ${periodStart}` : sql``}))`;

const cellOf = (row: Partial<Record<ComplianceState, unknown>> | undefined): ComplianceCell =>
  Object.fromEntries(COMPLIANCE_STATES.map((state) => [CELL_KEYS[state], count(row?.[state])])) as ComplianceCell;

/** The bits of a `facts` row's `first` column: the row is its record's first in its state overall, of its kind, in its week, in its month. */
const FIRST_BITS = { any: 1, kind: 2, week: 4, month: 8 } as const;

/** Per state, the sum of `n` over the `facts` rows in it that are their record's first in `flag`'s sense. */
const stateSums = (flag: keyof typeof FIRST_BITS) =>
  sql.join(
    COMPLIANCE_STATES.map((state, i) => sql`(sum(n) FILTER (WHERE state = ${i} AND first & ${sql.raw(String(FIRST_BITS[flag]))} <> 0))::int AS ${sql.raw(state)}`),
    sql`, `,
  );

/**
 * The instants the company's weeks or months begin at, from the one holding
 * `from` to the first beginning after `to`, as a timestamptz[]: `width_bucket(at, starts)` is then
 * the period of an instant in [from, to) and `starts[i + 1]` its end. Bucketing instants by
 * comparison instead of converting each to the zone's wall time (`date_trunc(…, at AT TIME ZONE
 * zone)`) took the compliance panel's 150k rows from about 190 to 45 ms on PGlite.
 */
const periodStarts = (s: PanelScope, zone: SQL, unit: 'week' | 'month') => {
  const step = sql.raw(`'1 ${unit}'`);
  return sql`ARRAY(SELECT g AT TIME ZONE ${zone} FROM generate_series(
    date_trunc(${unit}, ${iso(s.from)}::timestamptz AT TIME ZONE ${zone}), ${iso(s.to)}::timestamptz AT TIME ZONE ${zone} + interval ${step}, interval ${step}) AS g)`;
};

/** An instant as the ISO text the panels answer with (UTC, milliseconds). */
const instantOf = (at: SQL) => sql`to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Compliance of obligations due in the range, per kind, urgency, department, owner, week and month. */
export async function compliancePanel(db: Db, s: PanelScope): Promise<CompliancePanel> {
  const zone = zoneLiteral(s.timeZone);
  const none = sql`NULL::text`;
  type Row = { fam: number; g: number; kind: string | null; urgency: string | null; department: string | null; owner: string | null; period_start: string | null; period_end: string | null } & Record<ComplianceState, number>;
  // The state as its index in COMPLIANCE_STATES, and the first-of-record flags as bits of one
  // number: fewer, smaller keys for the one hash aggregation over every row.
  const state = sql`CASE ${sql.join(COMPLIANCE_STATES.map((st, i) => sql`WHEN ${obligationStateSql(st, s.now)} THEN ${sql.raw(String(i))}`), sql` `)} END`;
  const bit = (first: SQL, value: number) => sql`CASE WHEN ${first} THEN ${sql.raw(String(value))} ELSE 0 END`;
  const first = sql`${bit(firstSql(s, o.prevDue), FIRST_BITS.any)} + ${bit(firstSql(s, o.prevKindDue), FIRST_BITS.kind)}
    + ${bit(firstSql(s, o.prevDue, sql.raw('weeks[week]')), FIRST_BITS.week)} + ${bit(firstSql(s, o.prevDue, sql.raw('months[month]')), FIRST_BITS.month)}`;
  // Every week and month of the range, those with nothing due as zeros, so a chart's time axis has no gaps.
  const period = (name: 'week' | 'month', fam: number) => {
    const [column, starts] = [sql.raw(name), sql.raw(`${name}s`)];
    const sums = COMPLIANCE_STATES.map((st) => sql.raw(`coalesce(sums.${st}, 0) AS ${st}`));
    return sql`SELECT ${fam} AS fam, 0 AS g, ${none} AS kind, ${none} AS urgency, ${none} AS department, ${none} AS owner,
        ${instantOf(sql`${starts}[i]`)} AS period_start, ${instantOf(sql`${starts}[i + 1]`)} AS period_end, ${sql.join(sums, sql`, `)}
      FROM periods CROSS JOIN LATERAL generate_subscripts(${starts}, 1) AS i
        LEFT JOIN (SELECT ${column}, ${stateSums(name)} FROM facts GROUP BY ${column}) AS sums ON sums.${column} = i
      WHERE i < array_length(${starts}, 1) AND ${starts}[i] < ${iso(s.to)}::timestamptz`;
  };
  // One pass over the rows in the range: each row's state, week and month (the company zone's, by
  // their starting instants) and whether it is its record's first, counted per combination (a few
  // thousand at 100k records); the figures then add those counts up. The subqueries are named as
  // the table so the shared predicates apply to them; OFFSET 0 keeps the planner from folding the
  // week and month back into every expression that uses them.
  const rows = await rowsOf<Row>(
    db,
    sql`WITH periods AS MATERIALIZED (SELECT ${periodStarts(s, zone, 'week')} AS weeks, ${periodStarts(s, zone, 'month')} AS months),
      facts AS (
        SELECT ${o.kind} AS kind, ${o.urgency} AS urgency, ${o.department} AS department, ${o.ownerId} AS owner_id,
          week, month, ${state} AS state, ${first} AS first, count(*) AS n
        FROM (
          SELECT ${o.kind}, ${o.urgency}, ${o.department}, ${o.ownerId}, ${o.dueAt}, ${o.metAt}, ${o.prevDue}, ${o.prevKindDue},
            weeks, months, width_bucket(${o.dueAt}, weeks) AS week, width_bucket(${o.dueAt}, months) AS month
          FROM ${o}, periods WHERE ${dueIn(s)} OFFSET 0
        ) AS ${o}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8)
      SELECT 0 AS fam, GROUPING(urgency, department, owner_id) AS g, ${none} AS kind, urgency, department, owner_id::text AS owner,
        ${none} AS period_start, ${none} AS period_end, ${stateSums('any')}
      FROM facts GROUP BY GROUPING SETS ((urgency), (department), (owner_id), ())
      UNION ALL
      SELECT 1, 0, kind, ${none}, ${none}, ${none}, ${none}, ${none}, ${stateSums('kind')} FROM facts GROUP BY kind
      UNION ALL ${period('week', 2)}
      UNION ALL ${period('month', 3)}`,
  );
  const of = (fam: number, g = 0) => rows.filter((r) => count(r.fam) === fam && count(r.g) === g);
  const owners = of(0, 0b110);
  const ids = owners.map((r) => r.owner).filter((id): id is string => id !== null);
  const names = new Map(
    ids.length
      ? (await db.select({ id: users.id, name: users.name }).from(users).where(sql`${users.id} IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((u) => [u.id, u.name])
      : [],
  );
  // Periods are clipped to the range, so a link selects exactly what the figure counted.
  const clipped = (r: Row) => ({
    start: iso(new Date(Math.max(Date.parse(r.period_start as string), s.from.getTime()))),
    end: iso(new Date(Math.min(Date.parse(r.period_end as string), s.to.getTime()))),
    ...cellOf(r),
  });
  const byStart = (a: { start: string }, b: { start: string }) => a.start.localeCompare(b.start);
  return {
    ...range(s),
    total: cellOf(of(0, 0b111)[0]),
    byKind: of(1).map((r) => ({ key: r.kind as ObligationKind, ...cellOf(r) })),
    byUrgency: of(0, 0b011).map((r) => ({ key: r.urgency as CompliancePanel['byUrgency'][number]['key'], ...cellOf(r) })),
    byDepartment: of(0, 0b101).map((r) => ({ key: r.department as string, ...cellOf(r) })).sort((a, b) => a.key.localeCompare(b.key)),
    byOwner: owners.map((r) => ({ key: r.owner, name: r.owner === null ? null : (names.get(r.owner) ?? null), ...cellOf(r) })),
    byWeek: of(2).map(clipped).sort(byStart),
    byMonth: of(3).map(clipped).sort(byStart),
  };
}

const stats = (row: { n: unknown; median: unknown; p90: unknown } | undefined): DurationStats => ({
  count: count(row?.n),
  medianMs: row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median)),
  p90Ms: row?.p90 === null || row?.p90 === undefined ? null : Math.round(Number(row.p90)),
});

/** The response obligations the durations panel measures: met, in time or late (the queue link's obligationState). */
const FIRST_RESPONSE_MATCH = { kinds: ['response'], states: ['met_in_time', 'met_late'] } as const;

/**
 * Median and p90 working time to first response and to done, over records created in the range:
 * `count` is the records measured, the very set the queue shows for `obligationKind=response&
 * obligationState=met_in_time,met_late` and for `completed=true` (same predicates).
 */
export async function durationsPanel(db: Db, s: PanelScope): Promise<DurationsPanel> {
  const pct = (column: SQL | typeof o.workingMs | typeof records.doneWorkingMs) =>
    sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS p90`;
  type Row = { n: number; median: number | null; p90: number | null };
  const [response] = await rowsOf<Row>(
    db,
    sql`SELECT count(DISTINCT ${o.recordId})::int AS n, ${pct(o.workingMs)} FROM ${o}
      WHERE ${obligationScope(s)} AND ${o.recordCreatedAt} >= ${iso(s.from)}::timestamptz AND ${o.recordCreatedAt} < ${iso(s.to)}::timestamptz
        AND ${obligationMatchSql(FIRST_RESPONSE_MATCH, s.now)}`,
  );
  const [done] = await rowsOf<Row>(
    db,
    sql`SELECT count(*)::int AS n, ${pct(records.doneWorkingMs)} FROM ${records} WHERE ${recordScope(s)} AND ${createdIn(s)} AND ${completedSql()}`,
  );
  return { ...range(s), firstResponse: stats(response), toDone: stats(done) };
}

/** Age bands of the backlog in days: [min, max), the last open-ended. */
export const BACKLOG_BANDS: ReadonlyArray<readonly [number, number | null]> = [
  [0, 1],
  [1, 3],
  [3, 7],
  [7, 30],
  [30, null],
];

/** Records created in the range still pending analysis or in progress, by age at `now` (one scan). */
export async function backlogPanel(db: Db, s: PanelScope): Promise<BacklogPanel> {
  const bands = BACKLOG_BANDS.map(([minDays, maxDays]) => {
    const createdTo = new Date(Math.min(s.to.getTime(), s.now.getTime() - minDays * DAY_MS + 1));
    const createdFrom = new Date(Math.max(s.from.getTime(), maxDays === null ? 0 : s.now.getTime() - maxDays * DAY_MS + 1));
    return { minDays, maxDays, createdFrom, createdTo };
  });
  const [row] = await rowsOf<Record<string, number>>(
    db,
    sql`SELECT count(*)::int AS total, ${sql.join(
      bands.map((b, i) => sql`count(*) FILTER (WHERE ${createdIn(s, b.createdFrom, b.createdTo)})::int AS ${sql.raw(`b${i}`)}`),
      sql`, `,
    )}
      FROM ${records} WHERE ${recordScope(s)} AND ${createdIn(s)} AND ${records.status} IN ('pending_analysis', 'in_progress')`,
  );
  return {
    ...range(s),
    total: count(row?.total),
    bands: bands.map((b, i) => ({
      minDays: b.minDays,
      maxDays: b.maxDays,
      count: count(row?.[`b${i}`]),
      createdFrom: iso(b.createdFrom),
      createdTo: iso(b.createdTo),
    })),
  };
}

/** Compliance of one obligation kind due in the range, as one cell. */
async function complianceCell(db: Db, s: PanelScope, kind: ObligationKind): Promise<ComplianceCell> {
  const columns = COMPLIANCE_STATES.map((state) => sql`count(*) FILTER (WHERE ${obligationStateSql(state, s.now)} AND ${firstSql(s, o.prevKindDue)})::int AS ${sql.raw(state)}`);
  const [row] = await rowsOf<Record<ComplianceState, number>>(db, sql`SELECT ${sql.join(columns, sql`, `)} FROM ${o} WHERE ${dueIn(s, [kind])}`);
  return cellOf(row);
}

/**
 * Records rated in the range by month and quarter (company zone) and answer, and the dissatisfied
 * follow-ups due in it. A record counts once per period and answer however often it was rated
 * then; each figure's period is clipped to the range, so its queue link (`rating`, `ratedFrom`,
 * `ratedTo`) selects exactly the records counted.
 */
export async function satisfactionPanel(db: Db, s: PanelScope): Promise<SatisfactionPanel> {
  const zone = zoneLiteral(s.timeZone);
  const e = recordRatings;
  const month = sql`date_trunc('month', ${e.at} AT TIME ZONE ${zone})`;
  const quarter = sql`date_trunc('quarter', ${e.at} AT TIME ZONE ${zone})`;
  type Row = { g: number; month: string | null; month_end: string | null; month_label: string | null; quarter: string | null; quarter_end: string | null; quarter_label: string | null; rating: string | null; n: number };
  const scope = [sql`${e.live}`, ratingMatchSql({ from: s.from, to: s.to })];
  if (s.departments?.length) scope.push(sql`${e.department} IN (${sql.join(s.departments.map((d) => sql`${d}`), sql`, `)})`);
  const rows = await rowsOf<Row>(
    db,
    sql`SELECT GROUPING(${month}, ${quarter}, ${e.rating}) AS g,
        ${instantText(month, zone)} AS month, ${instantText(sql`${month} + interval '1 month'`, zone)} AS month_end,
        ${instantText(quarter, zone)} AS quarter, ${instantText(sql`${quarter} + interval '3 months'`, zone)} AS quarter_end,
        to_char(${month}, 'YYYY-MM') AS month_label, to_char(${quarter}, 'YYYY-"Q"Q') AS quarter_label,
        ${e.rating} AS rating, count(DISTINCT ${e.recordId})::int AS n
      FROM ${e} WHERE ${sql.join(scope, sql` AND `)}
      GROUP BY GROUPING SETS ((${month}, ${e.rating}), (${month}), (${quarter}, ${e.rating}), (${quarter}), (${e.rating}), ())`,
  );
  const field = { satisfied: 'satisfied', basically_satisfied: 'basicallySatisfied', dissatisfied: 'dissatisfied' } as const;
  const clip = (start: string, end: string) => ({
    start: iso(new Date(Math.max(Date.parse(start), s.from.getTime()))),
    end: iso(new Date(Math.min(Date.parse(end), s.to.getTime()))),
  });
  // Every month and quarter of the range is listed, those without a rating as zeros (a chart shows the gap).
  const periods = (bit: number, label: (r: Row) => string, startOf: (r: Row) => string, endOf: (r: Row) => string, span: 1 | 3) => {
    const map = new Map<string, SatisfactionPeriod>();
    for (const p of zonedMonths(s.from, s.to, s.timeZone, span)) {
      map.set(p.start, { period: p.label, ...clip(p.start, p.end), rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 });
    }
    for (const r of rows) {
      const g = count(r.g);
      if (g !== bit && g !== (bit | 0b001)) continue;
      const start = startOf(r);
      const p = map.get(start) ?? { period: label(r), ...clip(start, endOf(r)), rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
      if (g === bit) {
        const key = field[r.rating as keyof typeof field];
        if (key) p[key] = count(r.n);
      } else p.rated = count(r.n);
      map.set(start, p);
    }
    return [...map.values()].sort((a, b) => a.start.localeCompare(b.start));
  };
  const totals = { rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
  for (const r of rows) {
    const g = count(r.g);
    if (g === 0b110) {
      const key = field[r.rating as keyof typeof field];
      if (key) totals[key] = count(r.n);
    } else if (g === 0b111) totals.rated = count(r.n);
  }
  return {
    ...range(s),
    totals,
    byMonth: periods(0b010, (r) => r.month_label as string, (r) => r.month as string, (r) => r.month_end as string, 1),
    byQuarter: periods(0b100, (r) => r.quarter_label as string, (r) => r.quarter as string, (r) => r.quarter_end as string, 3),
    followUps: await complianceCell(db, s, 'dissatisfied_follow_up'),
  };
}
