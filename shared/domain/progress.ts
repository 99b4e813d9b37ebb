import type { StaffRef } from '../schemas/common';
import type { Record as EchoRecord } from '../schemas/record';
import type { ProgressBody } from '../schemas/record-commands';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/** A progress update on a milestone (DOMAIN.md §7), logged only while the record is in progress ('invalid_transition'). */
export function logProgress(doc: EchoRecord, body: ProgressBody, by: StaffRef, now: Date): Result<EchoRecord> {
  if (doc.status !== 'in_progress') {
    return err('invalid_transition', 'Progress can be logged only while the record is in progress.', {
      details: { guard: 'not_in_progress' satisfies RecordGuard, status: doc.status },
    });
  }
  return ok({ ...doc, progress: [...doc.progress, { ...body, at: now.toISOString(), by }] });
}
