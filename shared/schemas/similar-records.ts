import * as z from 'zod/mini';
import { RecordSummary } from './record';

/** One record that may describe the same need, with its similarity in [0, 1] (shared/domain/similarity). */
export const SimilarRecord = z.object({ record: RecordSummary, score: z.number().check(z.gte(0), z.lte(1)) });
export type SimilarRecord = z.infer<typeof SimilarRecord>;

/** `GET /api/v1/records/:id/similar`: unmerged records like this one, best first. */
export const SimilarRecords = z.object({ items: z.array(SimilarRecord) });
export type SimilarRecords = z.infer<typeof SimilarRecords>;
