import type { Record as EchoRecord } from '../../shared/schemas/record';
import { latestSatisfaction } from '../../shared/schemas/record';
import type { RecordChange } from '../../shared/schemas/sync';
import { canRate } from '../../shared/domain/rating';

/**
 * What the changes feed tells a record's creator: status, latest message, rating and whether to ask
 * for one. With `requester`, a record merged into `doc`: its reporter hears the survivor's state
 * under their own record id and number (DOMAIN.md §12), and is not asked to rate someone else's cycle.
 */
export function toRecordChange(doc: EchoRecord, requester?: EchoRecord): RecordChange {
  const last = doc.communications.at(-1);
  const rating = latestSatisfaction(doc.satisfaction);
  const own = requester ?? doc;
  return {
    recordId: own.id,
    recordNumber: own.recordNumber,
    status: doc.status,
    validity: doc.validity,
    // Both versions only grow, so their sum grows whenever either record changes.
    version: requester ? requester.version + doc.version : doc.version,
    changedAt: requester && requester.updatedAt > doc.updatedAt ? requester.updatedAt : doc.updatedAt,
    cycle: doc.cycle,
    lastCommunication: last
      ? {
          kind: last.kind,
          message: last.message,
          ...(last.expectedVersion ? { expectedVersion: last.expectedVersion } : {}),
          at: last.at,
        }
      : null,
    satisfaction: requester ? null : rating ? { rating: rating.rating, cycle: rating.cycle, at: rating.at } : null,
    satisfactionRequested: !requester && canRate(doc).ok,
  };
}
