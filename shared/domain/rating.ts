import type { Record as EchoRecord } from '../schemas/record';
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
 * The handling cycle a rating starts (DOMAIN.md §8, §12): 不满意 on a finished, valid record reopens
 * it in the next cycle, whose dissatisfied follow-up is due 3 working days after the rating; any
 * other rating starts none (null).
 */
export function cycleAfterRating(record: Pick<EchoRecord, 'status' | 'validity' | 'cycle'>, rating: string): number | null {
  if (rating !== 'dissatisfied' || record.validity !== 'valid') return null;
  return record.status === 'done' || record.status === 'closed' ? record.cycle + 1 : null;
}
