import * as z from 'zod/mini';
import { RecordChange } from './sync';

/** `POST /api/v1/public/records/:id/satisfaction`: the rated record as its reporter sees it. */
export const RatingAnswer = z.object({ change: RecordChange });
export type RatingAnswer = z.infer<typeof RatingAnswer>;
