import type { Record as EchoRecord } from '../schemas/record';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/**
 * A record merged into another as its duplicate ('conflict' into itself, into a record that is itself
 * merged, or when already merged): the survivor carries on and its requesters hear its updates.
 */
export function mergeRecord(doc: EchoRecord, survivor: Pick<EchoRecord, 'id' | 'mergedInto'>): Result<EchoRecord> {
  if (doc.id === survivor.id) return err('conflict', 'A record cannot be merged into itself.', { details: { guard: 'merge_into_self' satisfies RecordGuard } });
  if (survivor.mergedInto) {
    return err('conflict', 'Merge into a record that is not itself merged.', { details: { guard: 'survivor_merged' satisfies RecordGuard } });
  }
  if (doc.mergedInto) return err('conflict', 'The record is already merged; unmerge it first.', { details: { guard: 'already_merged' satisfies RecordGuard } });
  return ok({ ...doc, mergedInto: survivor.id });
}

/** A merged record standing on its own again ('conflict' when it is not merged). */
export function unmergeRecord(doc: EchoRecord): Result<EchoRecord> {
  if (!doc.mergedInto) return err('conflict', 'The record is not merged.', { details: { guard: 'not_merged' satisfies RecordGuard } });
  return ok({ ...doc, mergedInto: null });
}
