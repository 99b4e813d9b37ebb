/*
 * Abuse benchmark (`npm run bench:abuse`): what one misbehaving client costs everyone else, against
 * a real server process on loopback (PGlite in a temporary DATA_DIR like `npm start`, or PostgreSQL
 * with BENCH_STORE=postgres and TEST_DATABASE_URL).
 *
 * 1. Flood: 5,000 public submissions from one address (ECHOBOX_TRUST_PROXY=1, X-Forwarded-For)
 *    while a second address submits normally, one every 600 ms (within the site's 120 a minute) on a
 *    warm connection, plus one new visitor on a fresh connection the moment the flood begins.
 *    Budget: the second address sees no errors and a p99 under 200 ms.
 * 2. Clip burst: 1,000 concurrent 95 KB clips on the staff clip route (POST /api/v1/records).
 *    Budget: the server's peak RSS (VmHWM) stays under 600 MB; what is not acknowledged is answered
 *    503 with Retry-After, and every acknowledged record is in the database afterwards.
 *
 * The last line is machine-readable: `flood_other_p99_ms=N flood_other_errors=N clip_burst_peak_rss_mb=N`.
 */
import pg from 'pg';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../server/db/open';
import { records } from '../../server/db/schema';
import { seedServerAccess, startServer, type ServerStore } from '../server/support/server-process';
import { recordInput, submissionInput } from '../server/support/fixtures';

const FLOOD_REQUESTS = 5_000;
const FLOOD_CONNECTIONS = 50;
const OTHER_INTERVAL_MS = 600;
const OTHER_MIN_SAMPLES = 50;
const CLIPS = 1_000;
const CLIP_TEXT_CHARS = 95_000;
/**
 * The clips' page text: English by default; BENCH_CLIP_TEXT=zh sends Chinese (three bytes a character
 * in UTF-8, so bodies of ~280 KB, near the largest a clip may be).
 */
const CLIP_SENTENCE = process.env.BENCH_CLIP_TEXT === 'zh' ? '客户多次提及导出报表没有反应,扩展程序剪藏的工单正文。' : 'Clipped ticket text, as the extension sends it. ';
const SITE_RATE_PER_MINUTE = 120;
const BUDGET = { otherP99Ms: 200, otherErrors: 0, peakRssMb: 600 } as const;

/**
 * The second address, as a worker script: submits one record every `intervalMs` while the flood
 * runs (and at least `minSamples` times), timing each answer; request ids `other-N` let the bench
 * find each request's time inside the app in the server's log.
 */
const OTHER_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, bodies, intervalMs, minSamples } = workerData;
let flooding = true;
(async () => {
  // A client that has been around: its fetch is loaded and a connection is open before the flood.
  await (await fetch(new URL('/healthz', url))).arrayBuffer();
  parentPort.postMessage('ready');
  await new Promise((resolve) => parentPort.once('message', resolve));
  // A new visitor whose first request arrives as the flood begins: a fresh connection, each phase timed
  // on the wall clock so the bench can set it beside the server's log (when the app saw the request).
  const cold = new Promise((resolve) => {
    const http = require('node:http');
    const t = { start: Date.now() };
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'x-request-id': 'cold-0', connection: 'close' } }, (res) => {
      t.response = Date.now();
      res.resume();
      res.on('end', () => { t.end = Date.now(); t.status = res.statusCode; resolve(t); });
    });
    req.on('socket', (socket) => socket.on('connect', () => { t.connect = Date.now(); }));
    req.on('finish', () => { t.sent = Date.now(); });
    req.on('error', (error) => resolve({ ...t, error: String(error) }));
    req.end(bodies[bodies.length - 1]);
  });
  const samples = [];
  parentPort.once('message', () => { flooding = false; });
  while (flooding || samples.length < minSamples) {
    const during = flooding;
    const started = performance.now();
    let status = 0;
    try {
      const res = await fetch(url, { method: 'POST', headers: { ...headers, 'x-request-id': 'other-' + samples.length }, body: bodies[samples.length % bodies.length] });
      await res.arrayBuffer();
      status = res.status;
    } catch {}
    samples.push({ ms: performance.now() - started, status, during });
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  parentPort.postMessage({ samples, cold: await cold });
})();
`;
const mb = (kb: number) => Math.round(kb / 1024);
/** One row of the report: a figure beside its budget. */
const row = (label: string, value: string, budget: string, ok: boolean) =>
  console.log(`${label.padEnd(44)} ${value.padStart(12)}   budget ${budget.padEnd(10)} ${ok ? 'ok' : 'OVER'}`);
/** Which parts run (BENCH_ABUSE_PARTS=flood or clips for a quicker look at one; both by default). */
const PARTS = new Set((process.env.BENCH_ABUSE_PARTS ?? 'flood,clips').split(','));

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM). */
function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A fresh store for the server, seeded with a staff token and a site key, and a way to open it again. */
async function prepareStore(): Promise<{ store: ServerStore; open: () => Promise<Database>; cleanup: () => Promise<void>; access: Awaited<ReturnType<typeof seedServerAccess>> }> {
  if (process.env.BENCH_STORE === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('BENCH_STORE=postgres needs TEST_DATABASE_URL');
    const name = `ebx_abuse_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const open = () => openDatabase({ url: url.toString(), poolSize: 2 });
    const seed = await open();
    const access = await seedServerAccess(seed.db, { ratePerMinute: SITE_RATE_PER_MINUTE });
    await seed.close();
    return {
      store: { databaseUrl: url.toString() },
      open,
      access,
      cleanup: async () => {
        const again = new pg.Client({ connectionString: base });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'echobox-abuse-'));
  const open = () => openDatabase({ dataDir: join(dataDir, 'pglite') });
  const seed = await open();
  const access = await seedServerAccess(seed.db, { ratePerMinute: SITE_RATE_PER_MINUTE });
  await seed.close();
  return { store: { dataDir }, open, access, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** `total` requests over `connections` parallel loops; counts answers by status. */
async function flood(send: () => Promise<Response>, total: number, connections: number) {
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < total) {
        next++;
        const res = await send().catch((error: unknown) => void failures.push(String((error as Error).cause ?? error)));
        await res?.arrayBuffer();
        const status = res?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return { statuses, failures };
}

async function main() {
  const { store, open, access, cleanup } = await prepareStore();
  const server = await startServer(store, { env: { ECHOBOX_TRUST_PROXY: '1', ECHOBOX_DEMO: '0' }, readyTimeoutMs: 60_000 });
  const pid = server.child.pid as number;
  // The server's request log lines of the other address (the process output the helper keeps is short).
  let otherLog = '';
  server.child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.includes('"requestId":"other-') || line.includes('"requestId":"cold-')) otherLog += `${line}\n`;
  });
  try {
    const submit = (address: string, body: unknown) =>
      fetch(`${server.url}/api/v1/public/submissions`, {
        method: 'POST',
        headers: { ...access.widgetHeaders, 'x-forwarded-for': address },
        body: JSON.stringify(body),
      });
    // The server starts cold right before: warm it up from a third address, not counted.
    for (let i = 0; i < 30; i++) await (await submit('192.0.2.1', submissionInput('warm-up reporter secret', { submittedAt: new Date().toISOString() }))).arrayBuffer();
    const rssStart = procStatusKb(pid, 'VmRSS');
    const flooded = PARTS.has('flood') ? await floodPart() : undefined;
    const burst = PARTS.has('clips') ? await clipBurst() : undefined;
    await server.stop(15_000);
    const storedCount = burst ? await countStored(burst.ids) : 0;

    console.log(`store: ${process.env.BENCH_STORE === 'postgres' ? 'PostgreSQL' : 'PGlite'}`);
    console.log(`server RSS after warm-up ${mb(rssStart)} MB`);
    flooded?.print();
    burst?.print(storedCount);
    console.log(`flood_other_p99_ms=${flooded?.otherP99 ?? '-'} flood_other_errors=${flooded?.otherErrors ?? '-'} clip_burst_peak_rss_mb=${burst ? mb(burst.peakKb) : '-'}`);

    // --- 1. Flood from one address while another submits normally -----------------------------
    async function floodPart() {
      const floodBody = submissionInput('flooding reporter secret', { submittedAt: new Date().toISOString() });
      // The other address is another client machine: it runs on its own thread, so the load generator's
      // own work (50 flooding connections) does not delay its clock or its sockets.
      const otherClient = new Worker(OTHER_CLIENT, {
        eval: true,
        workerData: {
          url: `${server.url}/api/v1/public/submissions`,
          headers: { ...access.widgetHeaders, 'x-forwarded-for': '203.0.113.9' },
          bodies: Array.from({ length: 400 }, () => JSON.stringify(submissionInput('normal reporter secret', { submittedAt: new Date().toISOString() }))),
          intervalMs: OTHER_INTERVAL_MS,
          minSamples: OTHER_MIN_SAMPLES,
        },
      });
      const message = () =>
        new Promise<unknown>((resolve, reject) => {
          otherClient.once('message', resolve);
          otherClient.once('error', reject);
        });
      await message(); // ready
      type Cold = { start: number; connect?: number; sent?: number; response?: number; end?: number; status?: number; error?: string };
      const otherDone = message() as Promise<{ samples: { ms: number; status: number; during: boolean }[]; cold: Cold }>;
      const floodDone = flood(() => submit('198.51.100.7', { ...floodBody, id: uuidv7() }), FLOOD_REQUESTS, FLOOD_CONNECTIONS);
      otherClient.postMessage('start');
      void floodDone.then(() => otherClient.postMessage('flood over'));
      const { samples, cold } = await otherDone;
      await otherClient.terminate();
      // The new visitor is one of the other address's submissions too: it counts in the p99 and the errors.
      const coldMs = cold.end === undefined ? Infinity : cold.end - cold.start;
      const latencies = [...samples.map((x) => x.ms), coldMs];
      const floodingAt = [...samples.map((x) => x.during), true];
      const otherErrors = samples.filter((x) => x.status !== 201).length + (cold.status === 201 ? 0 : 1);
      const { statuses: floodStatuses, failures: floodFailures } = await floodDone;
      const otherP99 = Math.round(percentile(latencies, 99));
      // Where the slowest of the other address's requests spent their time: inside the app (its request
      // log line) or before it (accepting, reading the body, waiting for the event loop).
      const appMs = new Map<string, number>();
      for (const line of otherLog.split('\n')) {
        const match = /"requestId":"(other-\d+)".*"durationMs":([\d.]+)/.exec(line);
        if (match) appMs.set(match[1]!, Number(match[2]));
      }
      const coldIndex = latencies.length - 1;
      const slowest = latencies
        .map((ms, i) => ({ ms, i }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map(({ ms, i }) => `${Math.round(ms)} ms (${i === coldIndex ? 'the new visitor' : `in the app ${appMs.get(`other-${i}`) ?? '?'} ms`}, ${floodingAt[i] ? 'during' : 'after'} the flood)`);
      const duringFlood = latencies.filter((_, i) => floodingAt[i]).length;
      // The new visitor's request, phase by phase: when the app began it is its log line's time less its duration.
      const coldLine = /"time":"([^"]+)".*"requestId":"cold-0".*"durationMs":([\d.]+)/.exec(otherLog);
      const coldAppStart = coldLine ? Date.parse(coldLine[1]!) - Number(coldLine[2]) : undefined;
      const since = (at?: number) => (at === undefined ? '?' : `${at - cold.start}`);
      const coldPhases = `connected +${since(cold.connect)} ms, body sent +${since(cold.sent)} ms, app began +${since(coldAppStart)} ms, answered +${since(cold.response)} ms (${cold.status ?? cold.error})`;

      return {
        otherP99,
        otherErrors,
        print() {
          console.log(`flood: ${FLOOD_REQUESTS} submissions from one address, ${FLOOD_CONNECTIONS} at a time; answers ${JSON.stringify(Object.fromEntries(floodStatuses))} ${floodFailures.slice(0, 2).join('; ')}`);
          console.log(`a new visitor at the flood's start, on a fresh connection: ${coldPhases}`);
          console.log(`other address: ${duringFlood} of ${latencies.length} sent during the flood; median ${Math.round(percentile(latencies, 50))} ms; slowest ${slowest.join(', ')}`);
          row(`other address: ${latencies.length} submissions, p99`, `${otherP99} ms`, `< ${BUDGET.otherP99Ms} ms`, otherP99 < BUDGET.otherP99Ms);
          row('other address: errors', String(otherErrors), `${BUDGET.otherErrors}`, otherErrors <= BUDGET.otherErrors);
        },
      };
    }

    // --- 2. 1,000 concurrent 95 KB clips ---------------------------------------------------------
    async function clipBurst() {
      const rssBefore = procStatusKb(pid, 'VmRSS');
      let rssSampled = rssBefore;
      const sampler = setInterval(() => {
        rssSampled = Math.max(rssSampled, procStatusKb(pid, 'VmRSS'));
      }, 10);
      const text = CLIP_SENTENCE.repeat(Math.ceil(CLIP_TEXT_CHARS / CLIP_SENTENCE.length)).slice(0, CLIP_TEXT_CHARS);
      const clips = Array.from({ length: CLIPS }, () => {
        const input = recordInput({
          channel: 'ticket',
          origin: {
            kind: 'extension',
            clip: { page: { url: 'https://desk.example.com/tickets/42', title: 'Ticket 42', readableText: text, metadata: {} }, capturedAt: '2025-09-30T01:59:00.000Z' },
          },
        } as never);
        return { id: input.id, body: JSON.stringify(input) };
      });
      const answers = await Promise.all(
        clips.map(async ({ body }) => {
          try {
            const res = await fetch(`${server.url}/api/v1/records`, { method: 'POST', headers: access.staffHeaders, body });
            await res.arrayBuffer();
            return { status: res.status, retryAfter: res.headers.get('retry-after') };
          } catch (error) {
            return { status: 0, retryAfter: null, error: String((error as Error).cause ?? error) };
          }
        }),
      );
      clearInterval(sampler);
      const peakKb = Math.max(procStatusKb(pid, 'VmHWM'), rssSampled);
      const acknowledged = clips.filter((_, i) => answers[i]?.status === 201).map((c) => c.id);
      const refused = answers.filter((a) => a.status === 503);
      const refusedWithRetryAfter = refused.filter((a) => a.retryAfter && Number(a.retryAfter) > 0).length;
      const other = answers.filter((a) => a.status !== 201 && a.status !== 503);
      return {
        ids: clips.map((c) => c.id),
        peakKb,
        print(storedCount: number) {
          console.log(`clip burst: ${CLIPS} concurrent ${Math.round(Buffer.byteLength(clips[0]!.body) / 1024)} KB clips; RSS before ${mb(rssBefore)} MB`);
          console.log(`  answers: ${acknowledged.length} acknowledged (201), ${refused.length} refused 503 (${refusedWithRetryAfter} with Retry-After), ${other.length} other ${JSON.stringify(other.slice(0, 3))}`);
          row('clip burst: server peak RSS (VmHWM)', `${mb(peakKb)} MB`, `< ${BUDGET.peakRssMb} MB`, mb(peakKb) < BUDGET.peakRssMb);
          row('clip burst: acknowledged records stored', `${storedCount}/${acknowledged.length}`, 'all', storedCount === acknowledged.length);
        },
      };
    }

    /** How many of these records are in the database, read after the server stopped. */
    async function countStored(ids: string[]): Promise<number> {
      const db = await open();
      try {
        return (await db.db.select({ id: records.id }).from(records).where(inArray(records.id, ids))).length;
      } finally {
        await db.close();
      }
    }
  } finally {
    await server.stop(15_000);
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
