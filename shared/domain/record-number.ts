import { err, ok, type Result } from './result';
import { DEFAULT_TIME_ZONE, isLocalDate, localDateOf } from './time-zone';

/** Department code: an uppercase letter, then uppercase letters or digits, 2–10 characters in all. */
export const DEPARTMENT_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

/**
 * A record number `DEPT-YYYYMMDD-SEQ` (DOMAIN.md §4), e.g. `CS-20240520-002`. The sequence is
 * zero-padded to 3 digits and never has extra leading zeros, so every number has one spelling.
 * The pattern checks shape only; `parseRecordNumber` also rejects dates such as Feb 30.
 */
export const RECORD_NUMBER_PATTERN = /^([A-Z][A-Z0-9]{1,9})-(\d{4})(\d{2})(\d{2})-(00[1-9]|0[1-9]\d|[1-9]\d{2,15})$/;

/** The parts of a record number; `date` is the local date 'YYYY-MM-DD' in the company zone. */
export interface RecordNumberParts {
  department: string;
  date: string;
  sequence: number;
}

/** What a store allocates one daily sequence for: a department on a local date. */
export interface RecordSequenceKey {
  department: string;
  date: string;
  /** `DEPT-YYYYMMDD`, the shared prefix of every number in this sequence. */
  prefix: string;
}

/** True for a valid department code such as 'CS' or 'R2D2'. */
export const isDepartmentCode = (value: unknown): value is string =>
  typeof value === 'string' && DEPARTMENT_CODE_PATTERN.test(value);

const isSequence = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

const bad = (message: string, path?: string) =>
  err('invalid_record_number', message, path ? { path: [path] } : {});

/** Parse `DEPT-YYYYMMDD-SEQ` into its parts; never throws, whatever the input. */
export const parseRecordNumber = (input: unknown): Result<RecordNumberParts> => {
  // Length check first keeps the regex off megabyte strings.
  const m = typeof input === 'string' && input.length <= 40 ? RECORD_NUMBER_PATTERN.exec(input) : null;
  if (!m) return bad('Expected DEPT-YYYYMMDD-SEQ, e.g. CS-20240520-002');
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  const sequence = Number(m[5]);
  if (!isLocalDate(date)) return bad('The date part is not a real calendar date', 'date');
  if (!isSequence(sequence)) return bad('The sequence is too large', 'sequence');
  return ok({ department: m[1] as string, date, sequence });
};

/** True when `input` is a well-formed record number with a real date. */
export const isRecordNumber = (input: unknown): input is string => parseRecordNumber(input).ok;

/** Spell a record number from its parts: `{ department: 'CS', date: '2024-05-20', sequence: 2 }` → 'CS-20240520-002'. */
export const formatRecordNumber = (parts: RecordNumberParts): Result<string> => {
  const { department, date, sequence } = (parts ?? {}) as Partial<RecordNumberParts>;
  if (!isDepartmentCode(department)) return bad('Department code must be 2–10 of A–Z/0–9, starting with a letter', 'department');
  if (!isLocalDate(date)) return err('invalid_date', "Date must be a real date written 'YYYY-MM-DD'", { path: ['date'] });
  if (!isSequence(sequence)) return bad('Sequence must be a whole number >= 1', 'sequence');
  return ok(`${department}-${date.replace(/-/g, '')}-${String(sequence).padStart(3, '0')}`);
};

/** The sequence a record made at `recordedAt` draws from: its department and local date in the company zone. */
export const recordSequenceKey = (
  department: string,
  recordedAt: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): Result<RecordSequenceKey> => {
  if (!isDepartmentCode(department)) return bad('Department code must be 2–10 of A–Z/0–9, starting with a letter', 'department');
  const date = localDateOf(recordedAt, timeZone);
  if (!date.ok) return date;
  return ok({ department, date: date.value, prefix: `${department}-${date.value.replace(/-/g, '')}` });
};

/** The record number for the `sequence`-th record of a department on the local date of `recordedAt`. */
export const recordNumberAt = (
  department: string,
  recordedAt: Date,
  sequence: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Result<string> => {
  const key = recordSequenceKey(department, recordedAt, timeZone);
  return key.ok ? formatRecordNumber({ department, date: key.value.date, sequence }) : key;
};
