import { latestSatisfaction, type Record as EchoRecord } from '../schemas/record';
import type { SatisfactionBody } from '../schemas/record-commands';
import { err, ok, type Result } from './result';

/**
 * Whether the customer may rate the record's current handling cycle (DOMAIN.md §8, §12): only a
 * finished record, never one marked invalid, and once per cycle. The widget asks only when this holds.
 */
export function canRate(record: Pick<EchoRecord, 'status' | 'validity' | 'satisfaction' | 'cycle'>): Result<true> {
  if (record.status !== 'done' && record.status !== 'closed') {
    return err('invalid_transition', 'Only a finished record can be rated.');
  }
  if (record.validity === 'invalid') {
    return err('invalid_transition', 'A record marked invalid is not rated.', { details: { validity: 'invalid' } });
  }
  if (record.satisfaction.some((s) => s.cycle === record.cycle)) return err('conflict', 'This result has already been rated.');
  return ok(true);
}

/**
 * The customer's rating of the current cycle, given at `now` (when canRate holds). A dissatisfied
 * rating's follow-up is an obligation due 3 working days after it (shared/domain/obligations).
 */
export function rateRecord(doc: EchoRecord, body: SatisfactionBody, now: Date): Result<EchoRecord> {
  const allowed = canRate(doc);
  if (!allowed.ok) return allowed;
  return ok({ ...doc, satisfaction: [...doc.satisfaction, { ...body, at: now.toISOString(), cycle: doc.cycle }] });
}

/**
 * Whether `body` repeats the latest rating exactly (an outbox sending it twice), so it is answered,
 * not refused: the current cycle's, or the 不满意 that reopened the record into this cycle.
 */
export function isRepeatedRating(doc: Pick<EchoRecord, 'satisfaction' | 'cycle'>, body: SatisfactionBody): boolean {
  const rated = latestSatisfaction(doc.satisfaction);
  if (rated === null || rated.rating !== body.rating || rated.comment !== body.comment) return false;
  return rated.cycle === doc.cycle || (rated.rating === 'dissatisfied' && rated.cycle === doc.cycle - 1);
}

/**
 * The handling cycle a rating starts (DOMAIN.md §8, §12): 不满意 on a finished, valid record reopens
 * it in the next cycle, whose dissatisfied follow-up is due 3 working days after the rating; any
 * other rating starts none (null).
 */
export function cycleAfterRating(record: Pick<EchoRecord, 'status' | 'validity' | 'cycle'>, rating: string): number | null {
  if (rating !== 'dissatisfied' || record.validity !== 'valid') return null;
  return record.status === 'done' || record.status === 'closed' ? record.cycle + 1 : null;
}

/**
 * The record after a customer's rating (status page and widget alike): rated in the current cycle and, for 不满意
 * on a finished valid record, reopened in the next cycle (in progress, result to come), whose
 * follow-up obligation is due 3 working days after the rating.
 */
export function rateAndReopen(doc: EchoRecord, body: SatisfactionBody, now: Date): Result<EchoRecord> {
  const rated = rateRecord(doc, body, now);
  if (!rated.ok) return rated;
  const cycle = cycleAfterRating(doc, body.rating);
  return cycle === null ? rated : ok({ ...rated.value, status: 'in_progress', cycle, result: null });
}
