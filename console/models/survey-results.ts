import { createModel, signal } from '@preact/signals';
import type { ApiClient } from '../api/client';
import type { Survey } from '../../shared/schemas/survey';
import type { SurveyResults } from '../../shared/schemas/survey-results';

/** One period of the annual satisfaction trend (DOMAIN.md §10). */
export interface TrendPoint {
  period: string;
  responseCount: number;
  csatAverage: number | null;
  npsScore: number | null;
}

/** Periods oldest first: by year, then by the part's order within it (H/Q/month labels compare as text). */
const byPeriod = (a: TrendPoint, b: TrendPoint) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

/**
 * A survey's results, and for an annual satisfaction survey the trend over every period that has
 * one (each period's headline figures from its own results), so the long-term direction shows.
 */
export const SurveyResultsModel = createModel((api: ApiClient, surveyId: string) => {
  const survey = signal<Survey | null>(null);
  const results = signal<SurveyResults | null>(null);
  const trend = signal<TrendPoint[]>([]);
  const error = signal<string | null>(null);

  const loadTrend = async (s: Survey) => {
    const list = await api.surveys({ purpose: 'annual_satisfaction' });
    if (!list.ok) return;
    // One survey per period: the same campaign's where there are several (as the server compares).
    const byLabel = new Map<string, Survey>();
    for (const other of list.value.items) {
      if (!other.period) continue;
      const held = byLabel.get(other.period);
      if (!held || (held.campaignId !== s.campaignId && other.campaignId === s.campaignId)) byLabel.set(other.period, other);
    }
    const points = await Promise.all(
      [...byLabel.values()].map(async (other): Promise<TrendPoint | null> => {
        const r = await api.surveyResults(other.id);
        return r.ok ? { period: other.period!, responseCount: r.value.results.responseCount, csatAverage: r.value.results.csat.average, npsScore: r.value.results.nps.score } : null;
      }),
    );
    trend.value = points.filter((p): p is TrendPoint => p !== null).sort(byPeriod);
  };

  const load = async () => {
    const [s, r] = await Promise.all([api.survey(surveyId), api.surveyResults(surveyId)]);
    if (!s.ok || !r.ok) {
      error.value = (!s.ok ? s.failure : !r.ok ? r.failure : null)?.code ?? 'internal';
      return;
    }
    survey.value = s.value.survey;
    results.value = r.value.results;
    if (s.value.survey.purpose === 'annual_satisfaction') await loadTrend(s.value.survey);
  };

  return { survey, results, trend, error, load };
});

/** An instance of SurveyResultsModel. */
export type SurveyResultsModel = InstanceType<typeof SurveyResultsModel>;

