import { latestSatisfaction, type Record as EchoRecord } from '../schemas/record';
import type { CommunicationKind, Milestone, Satisfaction, Status } from '../schemas/enums';
import { canRate } from './rating';

/** What the customer's status page shows of a record: no staff names, notes or internal fields. */
export interface PublicProgress {
  recordNumber: string;
  status: Status;
  /** Milestones reached, each with the first time it was logged. */
  milestones: Array<{ milestone: Milestone; at: string }>;
  /** What the customer was told, oldest first. */
  told: Array<{ kind: CommunicationKind; message: string; expectedVersion?: string; at: string }>;
  /** Whether the satisfaction question is asked now (shared/domain/rating). */
  canRate: boolean;
  /** The customer's latest rating (a 不满意 one stays shown after it reopened the record). */
  rating: Satisfaction | null;
}

/** Project a record onto its public progress (DOMAIN.md §13: status, milestones, what the customer was told). */
export function publicProgress(record: EchoRecord): PublicProgress {
  const milestones: PublicProgress['milestones'] = [];
  for (const p of record.progress) {
    if (!milestones.some((m) => m.milestone === p.milestone)) milestones.push({ milestone: p.milestone, at: p.at });
  }
  return {
    recordNumber: record.recordNumber,
    status: record.status,
    milestones,
    told: record.communications.map((c) => ({
      kind: c.kind,
      message: c.message,
      ...(c.expectedVersion ? { expectedVersion: c.expectedVersion } : {}),
      at: c.at,
    })),
    canRate: canRate(record).ok,
    rating: latestSatisfaction(record.satisfaction)?.rating ?? null,
  };
}
