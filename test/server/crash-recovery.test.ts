import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase } from './support/databases';
import { recordInput } from './support/fixtures';
import { postJson, seedServerAccess, startServer, type ServerProcess, type ServerStore } from './support/server-process';
import { records } from '../../server/db/schema';
import { openDatabase, type Database } from '../../server/db/open';
import { parseRecordNumber } from '../../shared/domain/record-number';
import type { RecordInput } from '../../shared/schemas/record';
import type { ItemResult } from '../../shared/schemas/sync';

/** A store the crashing server runs on, prepared with an admin token before the first start. */
interface CrashStore {
  name: string;
  available: boolean;
  /** Create the store, seed access; returns where the server keeps it and how to read it afterwards. */
  prepare(): Promise<{ target: ServerStore; token: string; read(): Promise<Database>; cleanup(): Promise<void> }>;
}

const STORES: CrashStore[] = [
  {
    name: 'PGlite (file-backed DATA_DIR)',
    available: true,
    async prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'echobox-crash-'));
      // Same layout as server/db/options.ts: PGlite keeps its files in DATA_DIR/pglite.
      const seed = await openDatabase({ dataDir: join(dataDir, 'pglite') });
      const { token } = await seedServerAccess(seed.db);
      await seed.close();
      return {
        target: { dataDir },
        token,
        read: () => openDatabase({ dataDir: join(dataDir, 'pglite') }),
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: Boolean(process.env.TEST_DATABASE_URL),
    async prepare() {
      const database = await createPostgresDatabase(2);
      if (!database) throw new Error('TEST_DATABASE_URL is set but no database was created');
      const { token } = await seedServerAccess(database.db);
      return {
        target: { databaseUrl: database.url },
        token,
        read: async () => ({ ...database, close: async () => {} }),
        cleanup: () => database.close(),
      };
    },
  },
];

type BatchAnswer = { results: ItemResult[] };

const BATCHES = 12;
const BATCH_SIZE = 100;
const WORKERS = 3;
/** Kill after this many batches were acknowledged in a round: the other workers are mid-request. */
const ACKS_BEFORE_KILL = 3;

describe.each(STORES)('a server killed during batches on $name', (store) => {
  let cleanup: (() => Promise<void>) | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    await cleanup?.();
  }, 30_000);

  it.skipIf(!store.available)(
    'keeps every acknowledged record exactly once after SIGKILL, restart and client retries',
    async () => {
      const prepared = await store.prepare();
      cleanup = prepared.cleanup;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${prepared.token}` };
      const batches: RecordInput[][] = Array.from({ length: BATCHES }, () =>
        Array.from({ length: BATCH_SIZE }, () => recordInput()),
      );
      /** id → the record number the server acknowledged for it (first acknowledgement). */
      const acked = new Map<string, string>();
      const ackedBatches = new Set<number>();

      /** Record a batch answer: every item must be stored now or before, never rejected. */
      const settle = (index: number, answer: BatchAnswer) => {
        const batch = batches[index] as RecordInput[];
        expect(answer.results).toHaveLength(batch.length);
        answer.results.forEach((r, k) => {
          expect(r.id).toBe(batch[k]?.id);
          if (r.status === 'rejected') throw new Error(`item ${r.id} rejected: ${JSON.stringify(r.error)}`);
          const before = acked.get(r.id);
          if (before) expect(r.recordNumber).toBe(before);
          else acked.set(r.id, r.recordNumber);
        });
        ackedBatches.add(index);
      };

      /** Send unacknowledged batches with WORKERS in flight; SIGKILL the server after ACKS_BEFORE_KILL answers. */
      const sendUntilKilled = async (target: ServerProcess) => {
        const queue = batches.map((_, i) => i).filter((i) => !ackedBatches.has(i));
        let answered = 0;
        let inFlight = 0;
        let inFlightAtKill = -1;
        let killing: Promise<void> | undefined;
        const worker = async () => {
          while (!killing && queue.length > 0) {
            const index = queue.shift() as number;
            inFlight++;
            let res: { status: number; body: BatchAnswer };
            try {
              res = await postJson<BatchAnswer>(`${target.url}/api/v1/records/batch`, { items: batches[index] }, headers);
            } catch {
              return; // the connection died with the process: this batch stays unacknowledged
            } finally {
              inFlight--;
            }
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            settle(index, res.body);
            if (++answered === ACKS_BEFORE_KILL && !killing) {
              inFlightAtKill = inFlight;
              killing = target.kill();
            }
          }
        };
        await Promise.all(Array.from({ length: WORKERS }, worker));
        await killing;
        return { answered, inFlightAtKill };
      };

      // Two crashes, each while other batches are on the wire; then retry everything unacknowledged.
      server = await startServer(prepared.target);
      for (let round = 0; round < 2; round++) {
        const { answered, inFlightAtKill } = await sendUntilKilled(server);
        expect(answered, server.output()).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
        expect(inFlightAtKill, 'requests in flight when the process was killed').toBeGreaterThan(0);
        expect((await server.exited).signal).toBe('SIGKILL');
        expect(ackedBatches.size).toBeLessThan(BATCHES);
        server = await startServer(prepared.target); // reopens the store the killed process left behind
      }

      const unacked = batches.map((_, i) => i).filter((i) => !ackedBatches.has(i));
      const resent = [...ackedBatches].slice(0, 4);
      for (const index of unacked) {
        const res = await postJson<BatchAnswer>(`${server.url}/api/v1/records/batch`, { items: batches[index] }, headers);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        settle(index, res.body);
      }
      for (const index of resent) {
        const res = await postJson<BatchAnswer>(`${server.url}/api/v1/records/batch`, { items: batches[index] }, headers);
        expect(res.status).toBe(200);
        for (const r of res.body.results) {
          expect(r.status, r.id).toBe('duplicate');
          if (r.status !== 'rejected') expect(r.recordNumber).toBe(acked.get(r.id));
        }
      }
      await server.stop();

      const total = BATCHES * BATCH_SIZE;
      expect(acked.size).toBe(total);
      const database = await prepared.read();
      try {
        const rows = await database.db.select({ id: records.id, recordNumber: records.recordNumber }).from(records);
        expect(rows).toHaveLength(total);
        const stored = new Map(rows.map((r) => [r.id, r.recordNumber]));
        for (const [id, number] of acked) expect(stored.get(id), id).toBe(number);
        const seqs = rows
          .map((r) => {
            const parsed = parseRecordNumber(r.recordNumber);
            if (!parsed.ok || !r.recordNumber.startsWith('CS-20250930-')) throw new Error(`unexpected number ${r.recordNumber}`);
            return parsed.value.sequence;
          })
          .sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      } finally {
        await database.close();
      }
    },
    90_000,
  );
});
