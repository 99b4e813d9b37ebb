import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { siteKeys, surveyResponses, surveys } from '../db/schema';
import type { PanelScope } from './dashboard';
import { csatOf, npsOf } from '../../shared/domain/survey-results';
import type { Survey } from '../../shared/schemas/survey';
import type { SurveyFigures, SurveyPeriodFigures, SurveysPanel } from '../../shared/schemas/dashboard-surveys';

type Row = { survey_id: string; current: boolean; kind: string | null; value: string | null; n: number };

const round1 = (x: number) => Math.round(x * 10) / 10;
const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : round1(a - b));

/**
 * CSAT and NPS per survey over responses answered in the range and in the equally long period
 * before it (period over period), from the departments' site keys when departments are given.
 * The store only counts; the figures are shared/domain/survey-results' csatOf and npsOf.
 */
export async function surveysPanel(db: Db, s: PanelScope): Promise<SurveysPanel> {
  const previousFrom = new Date(s.from.getTime() - (s.to.getTime() - s.from.getTime()));
  const departments = s.departments?.length
    ? sql`AND r.site_key_id IN (SELECT ${siteKeys.id} FROM ${siteKeys} WHERE ${siteKeys.department} IN (${sql.join(s.departments.map((d) => sql`${d}`), sql`, `)}))`
    : sql``;
  // Per survey and period: responses (kind null) and, per CSAT/NPS score, the answers given.
  const rows = (
    (await db.execute(sql`
      SELECT r.survey_id, r.answered_at >= ${s.from.toISOString()}::timestamptz AS current, a.kind, a.value, count(*)::int AS n
      FROM ${surveyResponses} r
      LEFT JOIN LATERAL (
        SELECT e.value->>'kind' AS kind, e.value->>'value' AS value FROM jsonb_each(r.doc->'answers') e
        WHERE e.value->>'kind' IN ('csat', 'nps')
        UNION ALL SELECT NULL, NULL
      ) a ON TRUE
      WHERE r.answered_at >= ${previousFrom.toISOString()}::timestamptz AND r.answered_at < ${s.to.toISOString()}::timestamptz ${departments}
      GROUP BY 1, 2, 3, 4`)) as unknown as { rows: Row[] }
  ).rows;
  const ids = [...new Set(rows.map((r) => r.survey_id))];
  const docs = ids.length
    ? new Map(
        (await db.select({ id: surveys.id, doc: surveys.doc }).from(surveys).where(sql`${surveys.id} IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((r) => [
          r.id,
          r.doc as Survey,
        ]),
      )
    : new Map<string, Survey>();
  const figures = (surveyId: string, current: boolean): SurveyPeriodFigures => {
    const mine = rows.filter((r) => r.survey_id === surveyId && r.current === current);
    const counts = (kind: string) => Object.fromEntries(mine.filter((r) => r.kind === kind).map((r) => [String(r.value), Number(r.n)]));
    return { responses: Number(mine.find((r) => r.kind === null)?.n ?? 0), csat: csatOf(counts('csat')), nps: npsOf(counts('nps')) };
  };
  const out: SurveyFigures[] = [];
  for (const id of ids) {
    const doc = docs.get(id);
    if (!doc) continue;
    const current = figures(id, true);
    const previous = figures(id, false);
    out.push({
      surveyId: id,
      campaignId: doc.campaignId,
      purpose: doc.purpose,
      title: doc.title,
      current,
      previous,
      change: {
        responses: current.responses - previous.responses,
        csatPercent: delta(current.csat.satisfiedPercent, previous.csat.satisfiedPercent),
        npsScore: delta(current.nps.score, previous.nps.score),
      },
    });
  }
  out.sort((a, b) => b.current.responses - a.current.responses || b.previous.responses - a.previous.responses || a.surveyId.localeCompare(b.surveyId));
  return { from: s.from.toISOString(), to: s.to.toISOString(), now: s.now.toISOString(), previousFrom: previousFrom.toISOString(), surveys: out };
}
