import { sql, type SQL } from 'drizzle-orm';
import { recordObligations as o, records } from '../db/schema';
import type { ComplianceState } from '../../shared/schemas/compliance-state';
import type { ObligationKind } from '../../shared/schemas/obligation';

/**
 * One compliance state over a `record_obligations` row at `now`, as shared/domain/compliance
 * `complianceState` defines it (breached: unmet and now after the due instant). The dashboard's
 * counts and the record list's obligation filter both use this, so a figure and the queue it links
 * to can never disagree.
 */
export function obligationStateSql(state: ComplianceState, now: Date): SQL {
  const at = now.toISOString();
  switch (state) {
    case 'met_in_time':
      return sql`(${o.metAt} IS NOT NULL AND ${o.metAt} <= ${o.dueAt})`;
    case 'met_late':
      return sql`(${o.metAt} IS NOT NULL AND ${o.metAt} > ${o.dueAt})`;
    case 'breached':
      return sql`(${o.metAt} IS NULL AND ${o.dueAt} < ${at}::timestamptz)`;
    case 'open':
      return sql`(${o.metAt} IS NULL AND ${o.dueAt} >= ${at}::timestamptz)`;
  }
}

/** Which obligations a dashboard figure or a queue filter is about. */
export interface ObligationMatch {
  states?: readonly ComplianceState[];
  kinds?: readonly ObligationKind[];
  dueFrom?: Date;
  dueTo?: Date;
}

/** The conditions on one obligation row (AND-ed; an empty match is every obligation). */
export function obligationMatchSql(match: ObligationMatch, now: Date): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (match.states?.length) parts.push(sql`(${sql.join(match.states.map((s) => obligationStateSql(s, now)), sql` OR `)})`);
  if (match.kinds?.length) parts.push(sql`${o.kind} IN (${sql.join(match.kinds.map((k) => sql`${k}`), sql`, `)})`);
  if (match.dueFrom) parts.push(sql`${o.dueAt} >= ${match.dueFrom.toISOString()}::timestamptz`);
  if (match.dueTo) parts.push(sql`${o.dueAt} < ${match.dueTo.toISOString()}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** The record list's filter: the record has at least one obligation matching. */
export function hasObligationSql(match: ObligationMatch, now: Date): SQL {
  return sql`EXISTS (SELECT 1 FROM ${o} WHERE ${o.recordId} = ${records.id} AND ${obligationMatchSql(match, now)})`;
}
