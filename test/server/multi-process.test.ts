import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createPostgresDatabase } from './support/databases';
import { recordInput, submissionInput } from './support/fixtures';
import { postJson, seedServerAccess, startServer, SEEDED_ORIGIN, type ServerProcess } from './support/server-process';
import { records, recordSequences } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { parseRecordNumber } from '../../shared/domain/record-number';
import type { Database } from '../../server/db/open';
import type { ItemResult } from '../../shared/schemas/sync';

type Created = { status: 'accepted' | 'duplicate'; record: { id: string; recordNumber: string } };
type Submitted = { id: string; status: 'accepted' | 'duplicate'; recordNumber: string };
type Batch = { results: ItemResult[] };

/** Run `tasks` with at most `limit` in flight at once. */
async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

/** id → record number of every stored record of a department. */
async function storedNumbers(database: Database, department: string): Promise<Map<string, string>> {
  const rows = await database.db
    .select({ id: records.id, recordNumber: records.recordNumber })
    .from(records)
    .where(eq(records.department, department));
  return new Map(rows.map((r) => [r.id, r.recordNumber]));
}

/** The sequences of `numbers` in ascending order, asserting one department-day prefix. */
function sequencesOf(numbers: Iterable<string>, prefix: string): number[] {
  const seqs: number[] = [];
  for (const n of numbers) {
    expect(n.startsWith(`${prefix}-`), n).toBe(true);
    const parsed = parseRecordNumber(n);
    if (!parsed.ok) throw new Error(`not a record number: ${n}`);
    seqs.push(parsed.value.sequence);
  }
  return seqs.sort((a, b) => a - b);
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Two real server processes over one fresh PostgreSQL database: the counters live in the database,
// so numbers must stay unique and gap-free whichever process stores a record.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let database: Database & { url: string };
  let servers: ServerProcess[] = [];
  let access: Awaited<ReturnType<typeof seedServerAccess>>;

  beforeAll(async () => {
    const created = await createPostgresDatabase(4);
    if (!created) throw new Error('TEST_DATABASE_URL is set but no database was created');
    database = created;
    access = await seedServerAccess(database.db, { department: 'CS' });
    // The widget submissions are dated 2025-09-30 (the same day as the staff records) while these
    // servers run on the real clock: a window of a century keeps them inside it.
    // Every request comes from this one loopback client, many at once: lift the per-client cap.
    const env = { ECHOBOX_SUBMISSION_WINDOW_DAYS: '36500', ECHOBOX_MAX_WRITES_PER_CLIENT: '1000' };
    servers = await Promise.all([
      startServer({ databaseUrl: database.url, poolSize: 8 }, { env }),
      startServer({ databaseUrl: database.url, poolSize: 8 }, { env }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
  }, 30_000);

  it('numbers records created concurrently through both processes uniquely and without gaps', async () => {
    // Same department, same local day (2025-09-30 in Asia/Shanghai) for staff records and widget submissions.
    const tasks: Array<() => Promise<Array<{ id: string; recordNumber: string; via: number }>>> = [];
    servers.forEach((server, via) => {
      for (let i = 0; i < 30; i++) {
        tasks.push(async () => {
          const input = recordInput();
          const res = await postJson<Created>(`${server.url}/api/v1/records`, input, access.staffHeaders);
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return [{ id: input.id, recordNumber: res.body.record.recordNumber, via }];
        });
      }
      for (let i = 0; i < 8; i++) {
        tasks.push(async () => {
          const items = Array.from({ length: 25 }, () => recordInput());
          const res = await postJson<Batch>(`${server.url}/api/v1/records/batch`, { items }, access.staffHeaders);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          return res.body.results.map((r, k) => {
            expect(r.status).toBe('accepted');
            expect(r.id).toBe(items[k]?.id);
            return { id: r.id, recordNumber: r.status === 'rejected' ? '' : r.recordNumber, via };
          });
        });
      }
      for (let i = 0; i < 20; i++) {
        tasks.push(async () => {
          const body = submissionInput(`reporter-secret-${via}-${i}-0123456789`);
          const res = await postJson<Submitted>(`${server.url}/api/v1/public/submissions`, body, access.widgetHeaders);
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return [{ id: body.id, recordNumber: res.body.recordNumber, via }];
        });
      }
    });
    // Interleave the two processes' work so both draw from the counter at the same time.
    tasks.sort(() => Math.random() - 0.5);
    const answered = (await pooled(tasks, 16)).flat();
    const total = 2 * (30 + 8 * 25 + 20);
    expect(answered).toHaveLength(total);
    expect(answered.filter((a) => a.via === 0)).toHaveLength(total / 2);

    const stored = await storedNumbers(database, 'CS');
    expect(stored.size).toBe(total);
    for (const a of answered) expect(stored.get(a.id), a.id).toBe(a.recordNumber);
    expect(new Set(stored.values()).size).toBe(total);
    expect(sequencesOf(stored.values(), 'CS-20250930')).toEqual(oneToN(total));
    const [counter] = await database.db
      .select({ lastSeq: recordSequences.lastSeq })
      .from(recordSequences)
      .where(sql`${recordSequences.department} = 'CS' and ${recordSequences.day} = '2025-09-30'`);
    expect(counter?.lastSeq).toBe(total);
  }, 60_000);

  it('stores a client id sent to both processes at the same time once, answering the same number', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const qa = await createSiteKey(database.db, { name: 'QA site', department: 'QA', allowedOrigins: [SEEDED_ORIGIN], ratePerMinute: 100_000 });
    const qaWidget = { ...access.widgetHeaders, 'x-echobox-site-key': qa.siteKey.key };

    const pairs: Array<Promise<Array<{ id: string; statuses: string[]; numbers: string[] }>>> = [];
    for (let i = 0; i < 20; i++) {
      const input = recordInput({ department: 'QA' });
      pairs.push(
        Promise.all([a, b].map((s) => postJson<Created>(`${s.url}/api/v1/records`, input, access.staffHeaders))).then((answers) => {
          expect(answers.map((x) => x.status).sort()).toEqual([200, 201]);
          return [{ id: input.id, statuses: answers.map((x) => x.body.status), numbers: answers.map((x) => x.body.record.recordNumber) }];
        }),
      );
    }
    for (let i = 0; i < 3; i++) {
      const items = Array.from({ length: 30 }, () => recordInput({ department: 'QA' }));
      pairs.push(
        Promise.all([a, b].map((s) => postJson<Batch>(`${s.url}/api/v1/records/batch`, { items }, access.staffHeaders))).then(
          ([x, y]) =>
            items.map((item, k) => {
              const both = [x?.body.results[k], y?.body.results[k]];
              return {
                id: item.id,
                statuses: both.map((r) => r?.status ?? 'missing'),
                numbers: both.map((r) => (r && r.status !== 'rejected' ? r.recordNumber : 'none')),
              };
            }),
        ),
      );
    }
    for (let i = 0; i < 10; i++) {
      const body = submissionInput(`qa-reporter-${i}-0123456789abcdef`);
      pairs.push(
        Promise.all([a, b].map((s) => postJson<Submitted>(`${s.url}/api/v1/public/submissions`, body, qaWidget))).then((answers) => {
          expect(answers.map((x) => x.status).sort()).toEqual([200, 201]);
          return [{ id: body.id, statuses: answers.map((x) => x.body.status), numbers: answers.map((x) => x.body.recordNumber) }];
        }),
      );
    }
    const outcomes = (await Promise.all(pairs)).flat();
    const total = 20 + 3 * 30 + 10;
    expect(outcomes).toHaveLength(total);
    for (const o of outcomes) {
      expect([...o.statuses].sort(), o.id).toEqual(['accepted', 'duplicate']);
      expect(o.numbers[0], o.id).toBe(o.numbers[1]);
    }

    const stored = await storedNumbers(database, 'QA');
    expect(stored.size).toBe(total);
    for (const o of outcomes) expect(stored.get(o.id)).toBe(o.numbers[0]);
    expect(sequencesOf(stored.values(), 'QA-20250930')).toEqual(oneToN(total));
  }, 60_000);
});
