import type { Answer, Survey } from '../schemas/survey';
import type { CsatSummary, NpsSummary, QuestionResult, ResultHeadline, SurveyResults } from '../schemas/survey-results';

/*
 * Survey results arithmetic (DOMAIN.md §10): CSAT and NPS figures from answer counts, and the
 * period-over-period comparison of annual satisfaction surveys. The store only counts.
 */

/** How many responses gave one answer to one question (`answer`: the score or option id; null for text). */
export interface AnswerCount {
  questionId: string;
  kind: Answer['kind'];
  answer: string | null;
  count: number;
}

// The result shapes are the API's response schemas (shared/schemas/survey-results.ts): one definition.
export type { CsatSummary, NpsSummary, QuestionResult, ResultHeadline, SurveyResults } from '../schemas/survey-results';

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** CSAT figures from counts per score 1–5. */
export function csatOf(counts: Readonly<Record<string, number>>): CsatSummary {
  let count = 0;
  let sum = 0;
  let satisfied = 0;
  for (const score of range(1, 5)) {
    const n = counts[score] ?? 0;
    count += n;
    sum += n * Number(score);
    if (Number(score) >= 4) satisfied += n;
  }
  return {
    count,
    average: count ? round(sum / count, 2) : null,
    satisfiedPercent: count ? round((100 * satisfied) / count, 1) : null,
  };
}

/** NPS figures from counts per score 0–10. */
export function npsOf(counts: Readonly<Record<string, number>>): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of range(0, 10)) {
    const n = counts[score] ?? 0;
    if (Number(score) >= 9) promoters += n;
    else if (Number(score) >= 7) passives += n;
    else detractors += n;
  }
  const count = promoters + passives + detractors;
  return { count, promoters, passives, detractors, score: count ? round((100 * (promoters - detractors)) / count, 1) : null };
}

/** Results from per-answer counts (pure; the maths of GET /surveys/:id/results). */
export function summarizeResults(
  survey: Survey,
  counts: readonly AnswerCount[],
  total: number,
  latestTexts: Readonly<Record<string, string[]>> = {},
): Omit<SurveyResults, 'comparison'> {
  const pooledCsat: Record<string, number> = {};
  const pooledNps: Record<string, number> = {};
  const questions = survey.questions.map((q): QuestionResult => {
    const mine = counts.filter((c) => c.questionId === q.id && c.kind === q.kind);
    const answered = mine.reduce((s, c) => s + c.count, 0);
    const tally = (keys: string[], pool?: Record<string, number>) => {
      const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
      for (const c of mine) {
        if (c.answer !== null && Object.hasOwn(out, c.answer)) {
          out[c.answer] = (out[c.answer] ?? 0) + c.count;
          if (pool) pool[c.answer] = (pool[c.answer] ?? 0) + c.count;
        }
      }
      return out;
    };
    switch (q.kind) {
      case 'csat': {
        const t = tally(range(1, 5), pooledCsat);
        return { id: q.id, kind: 'csat', answered, counts: t, ...csatOf(t) };
      }
      case 'nps': {
        const t = tally(range(0, 10), pooledNps);
        return { id: q.id, kind: 'nps', answered, counts: t, ...npsOf(t) };
      }
      case 'single_choice':
        return { id: q.id, kind: 'single_choice', answered, counts: tally(q.options.map((o) => o.id)) };
      case 'open_text':
        return { id: q.id, kind: 'open_text', answered, latest: latestTexts[q.id] ?? [] };
    }
  });
  return {
    surveyId: survey.id,
    purpose: survey.purpose,
    period: survey.period ?? null,
    responseCount: total,
    csat: csatOf(pooledCsat),
    nps: npsOf(pooledNps),
    questions,
  };
}

const minus = (a: number | null, b: number | null, digits: number) => (a === null || b === null ? null : round(a - b, digits));

/**
 * Results with their comparison: none for a survey that is not an annual satisfaction survey
 * (`previousPeriod` null), and no previous figures when the previous period had no such survey.
 */
export function compareResults(
  current: Omit<SurveyResults, 'comparison'>,
  previousPeriod: string | null,
  before: Omit<SurveyResults, 'comparison'> | null,
): SurveyResults {
  if (previousPeriod === null) return { ...current, comparison: null };
  if (before === null) return { ...current, comparison: { previousPeriod, previous: null, change: null } };
  const previous: ResultHeadline = {
    surveyId: before.surveyId,
    period: before.period,
    responseCount: before.responseCount,
    csatAverage: before.csat.average,
    npsScore: before.nps.score,
  };
  return {
    ...current,
    comparison: {
      previousPeriod,
      previous,
      change: {
        responseCount: current.responseCount - before.responseCount,
        csatAverage: minus(current.csat.average, before.csat.average, 2),
        npsScore: minus(current.nps.score, before.nps.score, 1),
      },
    },
  };
}
