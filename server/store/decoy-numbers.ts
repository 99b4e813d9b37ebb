import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { recordSequences } from '../db/schema';
import { formatRecordNumber, recordSequenceKey } from '../../shared/domain/record-number';

/**
 * Record numbers to answer a bot with (the honeypot): the ones the department's next real records
 * of that day would get, so the answer looks like any acceptance. Nothing is reserved or stored;
 * the real records take these numbers later, which a bot cannot see.
 */
export async function decoyRecordNumbers(db: Db, department: string, at: Date, timeZone: string, count: number): Promise<string[]> {
  const key = recordSequenceKey(department, at, timeZone);
  if (!key.ok) throw new Error(key.error.message);
  const [row] = await db
    .select({ last: recordSequences.lastSeq })
    .from(recordSequences)
    .where(and(eq(recordSequences.department, department), eq(recordSequences.day, key.value.date)));
  const last = row?.last ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const number = formatRecordNumber({ department, date: key.value.date, sequence: last + 1 + i });
    if (!number.ok) throw new Error(number.error.message);
    return number.value;
  });
}
