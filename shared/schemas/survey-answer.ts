import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common';
import { QueryKey } from './staff';
import { Survey } from './survey';
import { createdAnswer, documentPatch } from './stored-document';

/** `GET`/`PATCH /api/v1/surveys/:id` and (de)activation: the survey as stored now. */
export const SurveyAnswer = z.object({ survey: Survey });
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** `POST /api/v1/surveys`. */
export const SurveyCreated = createdAnswer('survey', Survey);
export type SurveyCreated = z.infer<typeof SurveyCreated>;

/** `GET /api/v1/surveys`. */
export const SurveyList = z.object({ items: z.array(Survey) });
export type SurveyList = z.infer<typeof SurveyList>;

/** `PATCH /api/v1/surveys/:id`: top-level fields replaced whole; answered questions and options stay. */
export const SurveyPatch = documentPatch(Survey.shape);
export type SurveyPatch = z.infer<typeof SurveyPatch>;

/**
 * `GET /api/v1/public/surveys`: surveys the page may show, and the query keys the site keeps in
 * page URLs (the widget strips URLs as the server will).
 */
export const PublicSurveyList = z.object({ items: z.array(Survey), queryKeys: z.array(QueryKey) });
export type PublicSurveyList = z.infer<typeof PublicSurveyList>;

/** `POST /api/v1/public/survey-responses`: 201 `accepted`, 200 `duplicate` for a retry. */
export const SurveyReceipt = z.object({
  id: Id,
  surveyId: Id,
  status: z.enum(['accepted', 'duplicate']),
  receivedAt: IsoDateTime,
});
export type SurveyReceipt = z.infer<typeof SurveyReceipt>;

/** `POST /api/v1/surveys` body: a survey whose id (a UUID, the idempotency key) and `active` (false) may be left out. */
export const NewSurvey = z.object({ ...Survey.shape, id: z.optional(Id), active: z.optional(z.boolean()) });
export type NewSurvey = z.infer<typeof NewSurvey>;
