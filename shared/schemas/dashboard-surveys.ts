import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common';
import { LocalizedText, Survey } from './survey';
import { CsatSummary, NpsSummary } from './survey-results';

const Count = z.int().check(z.gte(0));
const Share = z.nullable(z.number());

/** A survey's responses in one period: how many, and its CSAT and NPS questions pooled. */
export const SurveyPeriodFigures = z.object({ responses: Count, csat: CsatSummary, nps: NpsSummary });
export type SurveyPeriodFigures = z.infer<typeof SurveyPeriodFigures>;

/**
 * One survey with CSAT (share answering 4–5 of 5) and NPS (promoters 9–10 minus detractors 0–6, in
 * %) this period and the previous one of equal length, and the change (null where either side has none).
 */
export const SurveyFigures = z.object({
  surveyId: Id,
  campaignId: Id,
  purpose: Survey.shape.purpose,
  title: LocalizedText,
  current: SurveyPeriodFigures,
  previous: SurveyPeriodFigures,
  change: z.object({ responses: z.int(), csatPercent: Share, npsScore: Share }),
});
export type SurveyFigures = z.infer<typeof SurveyFigures>;

/**
 * Surveys answered in the range or in the equally long period before it (`previousFrom` to `from`),
 * with responses from the departments' site keys when departments are given; most answered first.
 */
export const SurveysPanel = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  now: IsoDateTime,
  previousFrom: IsoDateTime,
  surveys: z.array(SurveyFigures),
});
export type SurveysPanel = z.infer<typeof SurveysPanel>;
