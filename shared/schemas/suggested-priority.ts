import * as z from 'zod/mini';
import { Priority } from './enums';

const rating = z.int().check(z.gte(1), z.lte(5));
const score = z.int().check(z.gte(6), z.lte(30));

/**
 * One reason behind a suggested priority (shared/domain/priority.ts), as a code with values so a
 * client renders it in either language: i18n key `priority.reason.<code>`, the other fields its params.
 */
export const PriorityReason = z.discriminatedUnion('code', [
  /** Customer or business value: its rating counts double. */
  z.object({ code: z.enum(['customer_value', 'business_value']), rating, points: z.int().check(z.gte(2), z.lte(10)) }),
  /** Implementation cost or risk: inverted, the cheaper or safer the more points. */
  z.object({ code: z.enum(['cost', 'risk']), rating, points: z.int().check(z.gte(1), z.lte(5)) }),
  /** The score's band: `min`–`max` points give `level`. */
  z.object({ code: z.literal('band'), score, level: Priority, min: score, max: score }),
  /** The top band, open upwards: `min` points or more give `level` (P0). */
  z.object({ code: z.literal('top_band'), score, level: Priority, min: score }),
]);
export type PriorityReason = z.infer<typeof PriorityReason>;

/** The P0–P3 the assessment suggests, its score (6–30) and why; the meeting may still choose another. */
export const SuggestedPriority = z.object({
  level: Priority,
  score,
  rationale: z.array(PriorityReason).check(z.maxLength(5)),
});
export type SuggestedPriority = z.infer<typeof SuggestedPriority>;
