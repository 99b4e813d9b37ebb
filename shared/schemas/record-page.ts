import * as z from 'zod/mini';
import { RecordSummary } from './record';

/** `GET /api/v1/records`: one page of rows; `nextCursor` is null on the last page. */
export const RecordPage = z.object({
  items: z.array(RecordSummary),
  nextCursor: z.nullable(z.string().check(z.maxLength(500))),
});
export type RecordPage = z.infer<typeof RecordPage>;
