import type { Record as EchoRecord } from '../../shared/schemas/record';
import { latestSatisfaction } from '../../shared/schemas/record';
import type { RecordChange } from '../../shared/schemas/sync';

/** What the changes feed tells a record's creator: status, latest message, rating and whether to ask for one. */
export function toRecordChange(doc: EchoRecord): RecordChange {
  const last = doc.communications.at(-1);
  const rating = latestSatisfaction(doc.satisfaction);
  return {
    recordId: doc.id,
    recordNumber: doc.recordNumber,
    status: doc.status,
    validity: doc.validity,
    version: doc.version,
    changedAt: doc.updatedAt,
    cycle: doc.cycle,
    lastCommunication: last
      ? {
          kind: last.kind,
          message: last.message,
          ...(last.expectedVersion ? { expectedVersion: last.expectedVersion } : {}),
          at: last.at,
        }
      : null,
    satisfaction: rating ? { rating: rating.rating, cycle: rating.cycle, at: rating.at } : null,
    satisfactionRequested:
      (doc.status === 'done' || doc.status === 'closed') && !doc.satisfaction.some((s) => s.cycle === doc.cycle),
  };
}
