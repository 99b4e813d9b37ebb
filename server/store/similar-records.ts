import { and, desc, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/open';
import { records } from '../db/schema';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { fingerprint, rankBySimilarity, type RankedMatch } from '../../shared/domain/similarity';

/** How many of the newest unmerged records are compared: duplicates arrive close together, and the scan stays bounded at 100k records. */
export const SIMILAR_WINDOW = 2000;

/** The text a record's need is said in: what happened, where, and what the customer expects. */
const needText = (r: EchoRecord): string => [r.problem, r.scenario, r.expectedSolution].filter(Boolean).join('\n');

/** Unmerged records (other than `record` and those already merged into it) whose need reads like its own, best first. */
export async function similarRecords(db: Db, record: EchoRecord, limit: number): Promise<RankedMatch<EchoRecord>[]> {
  const rows = await db
    .select({ doc: records.doc })
    .from(records)
    .where(and(isNull(records.mergedInto), ne(records.id, record.id)))
    .orderBy(desc(records.createdAt))
    .limit(SIMILAR_WINDOW);
  return rankBySimilarity(fingerprint(needText(record)), rows.map((r) => r.doc as EchoRecord), (c) => fingerprint(needText(c)), { limit });
}
