import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { fail } from '../errors';
import { getRecord, getRecordByNumber, type StoredRecord } from '../store/records';
import { RECORD_NUMBER_PATTERN } from '../../shared/domain/record-number';

/** Load a record by id or number (`CS-20240520-002`), or answer 404. */
export async function loadRecord(c: Context<AppEnv>, idOrNumber: string): Promise<StoredRecord> {
  const { db } = c.get('deps');
  const found = RECORD_NUMBER_PATTERN.test(idOrNumber)
    ? await getRecordByNumber(db, idOrNumber)
    : z.safeParse(z.uuid(), idOrNumber).success
      ? await getRecord(db, idOrNumber.toLowerCase())
      : undefined;
  if (!found) throw fail.notFound('The record');
  return found;
}
