import type { Db } from '../db/open';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { problem } from '../errors';
import type { Author } from './records';
import { prepareRecord, storeRecords, type CreateItem, type CreateResult, type PreparedRecord } from './create-records';

/** One record to store on behalf of one request. */
export interface WriteRequest extends CreateItem {
  author: Author;
  createdBy: string | null;
  /**
   * Who is asking (a site and client network, a staff account): each write takes records from the
   * waiting clients in turn, so one client's burst does not hold everyone else behind it.
   */
  client?: string;
}

/** Stores single records with group commit: requests that arrive while a write runs share the next one. */
export interface RecordWriter {
  create(item: WriteRequest): Promise<CreateResult>;
}

interface Pending {
  record: PreparedRecord;
  client: string;
  resolve: (result: CreateResult) => void;
  reject: (error: unknown) => void;
}

/** Seconds a client refused by a full queue waits before it sends again. */
const RETRY_AFTER = 1;

/**
 * Group commit for single-record requests (widget submissions, one clip). Each write is one
 * statement holding the department's daily counter, so one-by-one writes queue up behind each
 * other; here at most one write runs at a time and everything that arrived meanwhile goes into the
 * next one, up to `maxBatch`. An idle server adds no delay: a lone request is written at once.
 * (Two to four writes in flight on PostgreSQL measured slower: they wait on the same counter.)
 * The queue is bounded (`maxQueue`): beyond it a request is refused at once with 503, rather than
 * held in memory for as long as the database falls behind.
 */
export function createRecordWriter(
  db: Db,
  options: {
    timeZone: string;
    now: () => Date;
    /** Working-day calendar for new records' obligations. */
    calendar?: WorkingDayCalendar;
    maxBatch?: number;
    /**
     * Most characters of serialised records in one write (default 2 Mi). PGlite's memory grows to
     * hold the largest statement it has run and never shrinks: one write of 64 clips of 95 KB grew
     * it by 37 MB (`npm run bench:abuse`), and a full batch of Chinese clips (280 KB each) is four times larger.
     */
    maxBatchChars?: number;
    /** Most records waiting for a write; one more is refused with 503 overloaded (default 256). */
    maxQueue?: number;
    /** Wait for requests that are still unparsed before each write: for a database on this thread (PGlite). */
    gather?: boolean;
  },
): RecordWriter {
  const maxBatch = options.maxBatch ?? 100;
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > 1000) throw new Error('createRecordWriter: maxBatch must be 1–1000');
  const maxBatchChars = options.maxBatchChars ?? 2 * 2 ** 20;
  if (!(maxBatchChars > 0)) throw new Error('createRecordWriter: maxBatchChars must be a positive number');
  const maxQueue = options.maxQueue ?? 256;
  if (!Number.isInteger(maxQueue) || maxQueue < 1) throw new Error('createRecordWriter: maxQueue must be a positive integer');
  const queue: Pending[] = [];
  let running = false;

  /**
   * The next write: waiting clients in turn, oldest first within each client, so a client who sent
   * one record waits for one write at most, however many a flooding client has queued. It stops at
   * `maxBatchChars` of serialised records (the first record always goes, however large).
   */
  const take = (): Pending[] => {
    const batch: Pending[] = [];
    const ids = new Set<string>();
    let chars = 0;
    let tookAny = true;
    while (tookAny && batch.length < maxBatch) {
      tookAny = false;
      const served = new Set<string>();
      for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
        const pending = queue[i] as Pending;
        // The same id twice in one write would be answered once; the second waits for the next write.
        if (served.has(pending.client) || ids.has(pending.record.id)) {
          i++;
          continue;
        }
        if (batch.length > 0 && chars + pending.record.json.length > maxBatchChars) return batch;
        chars += pending.record.json.length;
        served.add(pending.client);
        ids.add(pending.record.id);
        batch.push(pending);
        queue.splice(i, 1);
        tookAny = true;
      }
    }
    return batch;
  };

  /**
   * Let requests that arrived meanwhile reach the queue before taking a batch: an embedded database
   * (PGlite) runs on this thread, so they wait unparsed until the event loop turns. Stops as soon
   * as a turn brings nothing new, so an idle server adds one turn of latency, not a timer. With a
   * database server the requests were parsed while the last write travelled; waiting would only
   * leave it idle.
   */
  const gather = async () => {
    for (let turns = 0; turns < 4 && queue.length < maxBatch; turns++) {
      const before = queue.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (queue.length === before) return;
    }
  };

  const run = async () => {
    running = true;
    try {
      while (queue.length > 0) {
        if (options.gather) await gather();
        const batch = take();
        try {
          const results = await storeRecords(db, batch.map((p) => p.record));
          batch.forEach((p, i) => p.resolve(results[i] as CreateResult));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    create(item) {
      // Checked and serialised now, while an earlier write may still be running.
      const record = prepareRecord(item, {
        now: options.now(),
        timeZone: options.timeZone,
        author: item.author,
        createdBy: item.createdBy,
        ...(options.calendar ? { calendar: options.calendar } : {}),
      });
      if ('status' in record) return Promise.resolve(record);
      // Refused before anything is stored, so the client can send the same record again later.
      if (queue.length >= maxQueue) {
        return Promise.reject(
          problem('overloaded', { detail: 'The server is busy; try again after Retry-After seconds.', retryAfter: RETRY_AFTER }),
        );
      }
      return new Promise<CreateResult>((resolve, reject) => {
        queue.push({ record, client: item.client ?? '', resolve, reject });
        if (!running) void run();
      });
    },
  };
}
