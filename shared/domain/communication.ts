import type { StaffRef } from '../schemas/common';
import type { Record as EchoRecord } from '../schemas/record';
import type { CommunicationBody } from '../schemas/record-commands';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/**
 * A message to the customer (DOMAIN.md §8) with the id given: telling them a suggestion was
 * adopted names the version it is expected in ('validation_failed' on expectedVersion otherwise).
 */
export function addCommunication(doc: EchoRecord, body: CommunicationBody, by: StaffRef, id: string, now: Date): Result<EchoRecord> {
  if (body.kind === 'adopted' && !body.expectedVersion) {
    return err('validation_failed', 'Say in which version the suggestion is expected.', {
      path: ['expectedVersion'],
      details: { guard: 'version_required' satisfies RecordGuard },
    });
  }
  return ok({ ...doc, communications: [...doc.communications, { id, ...body, at: now.toISOString(), by }] });
}
