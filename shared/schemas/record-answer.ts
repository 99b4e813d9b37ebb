import * as z from 'zod/mini';
import { Record } from './record';
import { Obligation } from './obligation';

/** A record change's answer (PATCH, workflow actions, progress, messages, merge): the record and its obligations now. */
export const RecordWithObligations = z.object({ record: Record, obligations: z.array(Obligation) });
export type RecordWithObligations = z.infer<typeof RecordWithObligations>;

/** `POST /api/v1/records`: 201 `accepted`, or 200 `duplicate` for a retry of the same body (the record as it is now). */
export const RecordCreated = z.object({
  status: z.enum(['accepted', 'duplicate']),
  ...RecordWithObligations.shape,
});
export type RecordCreated = z.infer<typeof RecordCreated>;

/** `POST /records/:id/requesters`: 201 `linked`, or 200 `duplicate` for a retry of the same link; `askedBy` counts requesters now. */
export const RequesterLinked = z.object({
  status: z.enum(['linked', 'duplicate']),
  ...RecordWithObligations.shape,
  askedBy: z.int().check(z.gte(1)),
});
export type RequesterLinked = z.infer<typeof RequesterLinked>;
