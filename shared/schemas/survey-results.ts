import * as z from 'zod/mini';
import { Id } from './common';
import { QuestionId, Survey } from './survey';

const Count = z.int().check(z.gte(0));
const Share = z.nullable(z.number());

/** CSAT over 1–5: mean score and the share answering 4 or 5 (null without answers). */
export const CsatSummary = z.object({ count: Count, average: Share, satisfiedPercent: Share });
export type CsatSummary = z.infer<typeof CsatSummary>;

/** NPS over 0–10: promoters 9–10, passives 7–8, detractors 0–6; score = promoters% − detractors%. */
export const NpsSummary = z.object({ count: Count, promoters: Count, passives: Count, detractors: Count, score: Share });
export type NpsSummary = z.infer<typeof NpsSummary>;

const Counts = z.record(z.string(), Count);
const questionBase = { id: QuestionId, answered: Count };

/** Results of one question; `counts` is keyed by score or option id and lists every possible answer. */
export const QuestionResult = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('csat'), counts: Counts, ...CsatSummary.shape }),
  z.object({ ...questionBase, kind: z.literal('nps'), counts: Counts, ...NpsSummary.shape }),
  z.object({ ...questionBase, kind: z.literal('single_choice'), counts: Counts }),
  z.object({ ...questionBase, kind: z.literal('open_text'), latest: z.array(z.string()) }),
]);
export type QuestionResult = z.infer<typeof QuestionResult>;

/** The headline figures compared period over period. */
export const ResultHeadline = z.object({
  surveyId: Id,
  period: z.nullable(z.string()),
  responseCount: Count,
  csatAverage: Share,
  npsScore: Share,
});
export type ResultHeadline = z.infer<typeof ResultHeadline>;

/** Results of a survey; `comparison` only for annual satisfaction surveys (DOMAIN.md §10). */
export const SurveyResults = z.object({
  surveyId: Id,
  purpose: Survey.shape.purpose,
  period: z.nullable(z.string()),
  responseCount: Count,
  /** All CSAT questions pooled. */
  csat: CsatSummary,
  /** All NPS questions pooled. */
  nps: NpsSummary,
  questions: z.array(QuestionResult),
  comparison: z.nullable(
    z.object({
      previousPeriod: z.string(),
      /** null when no annual satisfaction survey of the previous period exists. */
      previous: z.nullable(ResultHeadline),
      /** This period minus the previous one; null where either side has no data. */
      change: z.nullable(z.object({ responseCount: z.int(), csatAverage: Share, npsScore: Share })),
    }),
  ),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

/** `GET /api/v1/surveys/:id/results`. */
export const SurveyResultsAnswer = z.object({ results: SurveyResults });
export type SurveyResultsAnswer = z.infer<typeof SurveyResultsAnswer>;
