/*
 * Server benchmark (`npm run bench:server`): raw single-row insert rate of the database against the
 * API's ingest rate, and list-query latency at 100k records, on PGlite (file-backed DATA_DIR, served
 * by a spawned server process) and PostgreSQL (TEST_DATABASE_URL, or a throwaway cluster started
 * with .ci/postgres.sh). Everything runs on loopback; HTTP load comes from autocannon.
 *
 * Per store: seed 100k realistic records → list p95 through the API → EXPLAIN ANALYZE of the list
 * queries (in-process) → on PostgreSQL, the raw INSERT rate over one connection (context) → ROUNDS
 * rounds of: raw INSERT rate into `records` (in-process, via the driver, over 8 connections: the
 * budget's yardstick), then API submission and batch ingest through a server started for the round.
 * Each run is measured after WARMUP_SECONDS of the same load that are not counted. Ratios are per
 * round, reported as their median. The last line is machine-readable (see `report`).
 *
 * Knobs for profiling: BENCH_ONLY=pglite|postgres runs one store, BENCH_KEEP=1 keeps the seeded store
 * (and a cluster the bench started), BENCH_LIST_RECORDS, BENCH_INGEST_SECONDS and BENCH_ROUNDS shrink a trial run.
 */
import autocannon from 'autocannon';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../server/db/open';
import { listRecords } from '../../server/store/records';
import { createRecords, newRecord } from '../../server/store/create-records';
import { indexTokens } from '../../server/store/search-tokens';
import { canonicalHash } from '../../server/store/canonical-hash';
import { seedServerAccess, startServer, type ServerProcess, type ServerStore } from '../server/support/server-process';
import { submissionInput } from '../server/support/fixtures';
import type { RecordInput } from '../../shared/schemas/record';
import type { RecordListQuery } from '../../shared/schemas/record-query';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/time-zone';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Concurrent HTTP connections of the ingest runs; the raw PostgreSQL insert run uses as many connections. */
const CONNECTIONS = 8;
/** Seconds of each ingest measurement (raw, submissions, batch) in each round. */
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 6);
/**
 * Rounds of raw → API ingest, one right after the other; the ratios are their medians. On a shared
 * 2-core machine the raw rate alone moves by ±15 % from one minute to the next, so a ratio taken
 * from one raw run and one API run half a minute apart says more about the neighbours than the code.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS must be a whole number of at least 1, not ${process.env.BENCH_ROUNDS}`);
/** Seconds of the same load before each ingest measurement, not counted: JIT, caches and pools warm up. */
const WARMUP_SECONDS = 2;
/** Records in the table when the list queries are measured. */
const LIST_RECORDS = Number(process.env.BENCH_LIST_RECORDS ?? 100_000);
/** Records created through the store (createRecords) before the rest are derived from them in SQL. */
const BASE_RECORDS = 5_000;
/** Requests per list query combination (p95 needs at least 200). */
const LIST_REQUESTS = 200;
const BATCH_SIZE = 100;
const BUDGET = { ingestRatio: 0.5, listP95: { pglite: 150, postgres: 50 } } as const;

/** The record list as the console asks for it: landing page, triage queue, searches, SLA view. */
const LIST_QUERIES: Array<{ name: string; query: string }> = [
  { name: 'newest first (landing page)', query: 'limit=50' },
  { name: 'CS triage: pending+in progress', query: 'status=pending_analysis,in_progress&department=CS&limit=50' },
  { name: 'search 导出 (zh)', query: `q=${encodeURIComponent('导出')}&limit=50` },
  { name: 'search "export report" + done/closed, by update', query: 'q=export%20report&status=done,closed&sort=updated_desc&limit=50' },
  { name: 'overdue, by due date', query: 'overdue=true&sort=due_asc&limit=50' },
];

// ---------------------------------------------------------------------------------------------
// Realistic records

/** Small deterministic PRNG so every run seeds the same data set. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROBLEMS = [
  '导出报表时点击导出按钮没有反应,客户多次提及问题未解决',
  '支付失败后订单丢失,客户需要重新下单',
  '批量导出功能缺失,每次只能导出一页数据',
  '登录页面在手机上显示错位,无法点击登录按钮',
  '希望可以自定义主题颜色,与公司品牌一致',
  '工单提交后两天没有人处理,客户多次催促',
  '消息通知重复发送,同一条提醒收到三次',
  '数据看板加载超过 30 秒,高峰期经常超时',
  '发票抬头无法修改,需要联系客服才能处理',
  '希望增加按部门筛选的功能,方便主管查看',
  'The export button on the Reports page does nothing; the customer raised it several times',
  'Invoices cannot be downloaded as PDF since the last release',
  'Search does not find customers by phone number',
  'Bulk import of contacts fails for files over 5 MB',
  'The mobile app signs users out every few minutes',
  'Password reset e-mail arrives about an hour late',
];
const SCENARIOS = [
  '报表模块,点击导出之后',
  'Checkout, after pressing Pay',
  '登录页面,手机浏览器',
  'Settings > Appearance',
  '工单系统,提交工单后',
  'Contacts > Import',
  '数据看板首页',
  'Billing > Invoices',
];
const EXPECTED = [
  '点击后 10 秒内下载 Excel 文件',
  'A failed payment keeps the order so the customer can retry',
  '支持一次导出全部数据',
  'Let the admin pick a brand colour',
  '工单 24 小时内响应',
  'Find a customer by the last 4 digits of the phone',
];
const CUSTOMERS = ['华东贸易有限公司', '*先生', '*女士', 'Acme Retail Ltd', '北京星辰科技有限公司', 'Globex GmbH', '深圳云帆电子有限公司'];
const DEPARTMENTS = ['CS', 'CS', 'CS', 'CS', 'SALES', 'SALES', 'PM', 'PM', 'WEB', 'WEB', 'QA', 'OPS'];
const CAPTURE: Array<Pick<RecordInput, 'source' | 'channel'>> = [
  { source: 'customer_service', channel: 'ticket' },
  { source: 'customer_service', channel: 'chat' },
  { source: 'customer_service', channel: 'complaint' },
  { source: 'sales', channel: 'call' },
  { source: 'sales', channel: 'email' },
  { source: 'product', channel: 'user_research' },
  { source: 'customer_self', channel: 'suggestion_box' },
];
const CATEGORIES = ['feature_request', 'service_experience', 'product_defect', 'other'] as const;
const CUSTOMER_TYPES = ['new', 'existing', 'high_value', 'potential'] as const;
const PRIORITIES = ['high', 'medium', 'low'] as const;

/** A varied, valid staff record (DOMAIN.md §4) recorded at `recordedAt`. */
function realisticInput(rand: () => number, recordedAt: Date): RecordInput {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const withContact = rand() < 0.6;
  return {
    id: uuidv7(),
    department: pick(DEPARTMENTS),
    ...pick(CAPTURE),
    customerType: pick(CUSTOMER_TYPES),
    customerKind: rand() < 0.7 ? 'enterprise' : 'individual',
    customerName: pick(CUSTOMERS),
    ...(withContact ? { contactPerson: rand() < 0.5 ? '*先生' : '*女士', contact: '138****5678' } : {}),
    contactConsent: withContact,
    category: pick(CATEGORIES),
    scenario: pick(SCENARIOS),
    problem: pick(PROBLEMS),
    ...(rand() < 0.7 ? { expectedSolution: pick(EXPECTED) } : {}),
    initialPriority: pick(PRIORITIES),
    attachments: [],
    initiator: { name: pick(['李客服', '王销售', 'Zhang PM', '陈支持']) },
    recordedAt: recordedAt.toISOString(),
    origin: { kind: 'manual' },
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length === 0 ? NaN : Number.isInteger(mid) ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2 : (sorted[Math.floor(mid)] as number);
}
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Stores

interface BenchStore {
  kind: 'pglite' | 'postgres';
  label: string;
  /** How the spawned server finds the store. */
  target: ServerStore;
  /** Open the store in this process (PGlite: only while no server process has it open). */
  open(): Promise<Database>;
  /** The raw driver for the insert measurement. */
  rawDriver(connections?: number): Promise<{ query(text: string, params: unknown[]): Promise<unknown>; close(): Promise<void>; concurrency: number }>;
  cleanup(): Promise<void>;
}

function pgliteStore(): BenchStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'echobox-bench-'));
  const files = join(dataDir, 'pglite'); // same layout as server/db/options.ts
  return {
    kind: 'pglite',
    label: 'PGlite (file-backed)',
    target: { dataDir },
    open: () => openDatabase({ dataDir: files }),
    async rawDriver() {
      const client = new PGlite(files);
      // PGlite has one connection: statements are sent one at a time.
      return { query: (text, params) => client.query(text, params), close: () => client.close(), concurrency: 1 };
    },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresStore(baseUrl: string): Promise<BenchStore> {
  const name = `ebx_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    label: 'PostgreSQL',
    target: { databaseUrl: url.toString(), poolSize: CONNECTIONS },
    open: () => openDatabase({ url: url.toString(), poolSize: CONNECTIONS }),
    async rawDriver(connections = CONNECTIONS) {
      const pool = new pg.Pool({ connectionString: url.toString(), max: connections });
      return { query: (text, params) => pool.query(text, params), close: () => pool.end(), concurrency: connections };
    },
    async cleanup() {
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** TEST_DATABASE_URL, or a throwaway cluster on its own port started the way CI does (.ci/postgres.sh). */
function postgresCluster(): { url: string; stop(): void } {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => {} };
  const port = process.env.BENCH_PG_PORT ?? '54339';
  const env = { ...process.env, PG_PORT: port, PG_DIR: join(tmpdir(), `echobox-bench-pg-${port}`) };
  const script = '. .ci/postgres.sh; start_ci_postgres >&2 && printf %s "$TEST_DATABASE_URL"';
  let url: string;
  try {
    url = execFileSync('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch {
    throw new Error('No PostgreSQL: set TEST_DATABASE_URL, or install PostgreSQL (apt-get install postgresql) so .ci/postgres.sh can start a cluster.');
  }
  log(`PostgreSQL cluster for the bench on port ${port}`);
  return {
    url,
    stop: () => {
      execFileSync('bash', ['-c', '. .ci/postgres.sh; stop_ci_postgres'], { cwd: ROOT, env, stdio: 'ignore' });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding 100k records

/**
 * Fill `records` up to `total`: BASE_RECORDS go through createRecords (numbers, masking, search
 * vector, audit entries) spread over the last 180 days; the rest are copies of those made in SQL,
 * each shifted further back by 10-day steps, with fresh ids and numbers and a realistic workflow mix
 * (old records mostly done or closed, recent ones pending or in progress, deadlines and owners set).
 */
async function seedRecords(database: Database, total: number): Promise<void> {
  const { db } = database;
  const rand = mulberry32(20250930);
  const now = Date.now();
  const base = Math.min(BASE_RECORDS, total);
  const perCall = 50;
  for (let done = 0; done < base; done += perCall) {
    const at = new Date(now - 86_400_000 - Math.floor((1 - done / base) * 179 * 86_400_000) - Math.floor(rand() * 3_600_000));
    const items = Array.from({ length: Math.min(perCall, base - done) }, () => ({
      input: realisticInput(rand, new Date(at.getTime() - Math.floor(rand() * 600_000))),
    }));
    await createRecords(db, items, { now: at, timeZone: 'Asia/Shanghai', author: { id: null, label: 'bench seed' }, createdBy: null });
  }
  const copies = total - base;
  if (copies <= 0) return;
  const generations = Math.ceil(copies / base);
  const owners = Array.from({ length: 5 }, () => uuidv7());
  const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  await db.execute(sql`
    INSERT INTO records (id, record_number, department, status, validity, category, source, channel, urgency,
      initial_priority, customer_type, owner_id, reporter_key, site_key_id, created_by, due_at, recorded_at,
      created_at, updated_at, version, body_hash, change_seq, doc, search)
    SELECT w.nid, w.num, w.department, w.st, w.validity, w.category, w.source, w.channel, w.urgency,
      w.initial_priority, w.customer_type, w.owner_id, w.reporter_key, w.site_key_id, w.created_by, w.due_at, w.rat,
      w.cat, w.uat, 2, w.body_hash, nextval('record_change_seq'),
      w.doc || jsonb_build_object(
        'id', w.nid, 'recordNumber', w.num, 'status', w.st, 'validity', w.validity, 'urgency', w.urgency,
        'dueAt', ${iso('w.due_at')}, 'recordedAt', ${iso('w.rat')}, 'createdAt', ${iso('w.cat')},
        'updatedAt', ${iso('w.uat')}, 'version', 2,
        'owner', CASE WHEN w.owner_id IS NULL THEN NULL ELSE jsonb_build_object('id', w.owner_id, 'name', 'Owner ' || left(w.owner_id::text, 4)) END),
      w.search
    FROM (
      SELECT v.*,
        CASE WHEN v.validity = 'valid' THEN (ARRAY['urgent','important','routine'])[1 + floor(v.y * 3)::int] END AS urgency,
        CASE WHEN v.validity = 'valid' THEN v.cat + (ARRAY[interval '1 day', interval '5 days', interval '7 days'])[1 + floor(v.y * 3)::int] END AS due_at,
        CASE WHEN v.st IN ('in_progress', 'done') THEN (${sql.raw(`ARRAY[${owners.map((o) => `'${o}'`).join(',')}]::uuid[]`)})[1 + floor(v.y * 5)::int] END AS owner_id,
        v.cat + (CASE WHEN v.st = 'pending_analysis' THEN interval '0' ELSE interval '2 days' END) AS uat
      FROM (
        SELECT u.*,
          CASE WHEN u.st = 'pending_analysis' THEN 'unscreened' WHEN u.st = 'closed' AND u.y < 0.5 THEN 'invalid' ELSE 'valid' END AS validity
        FROM (
          SELECT b.id AS base_id, b.department, b.category, b.source, b.channel, b.initial_priority, b.customer_type,
            b.reporter_key, b.site_key_id, b.created_by, b.body_hash, b.doc, b.search,
            gen_random_uuid() AS nid,
            b.department || '-' || to_char(to_date(split_part(b.record_number, '-', 2), 'YYYYMMDD') - g * 10, 'YYYYMMDD')
              || '-' || (split_part(b.record_number, '-', 3)::int + 1000 * g)::text AS num,
            b.recorded_at - make_interval(days => g * 10) AS rat,
            b.created_at - make_interval(days => g * 10) AS cat,
            random() AS y,
            CASE WHEN b.created_at - make_interval(days => g * 10) < now() - interval '30 days' THEN
              (ARRAY['done','done','done','done','done','closed','closed','closed','in_progress','pending_analysis'])[1 + floor(random() * 10)::int]
            ELSE
              (ARRAY['pending_analysis','pending_analysis','pending_analysis','pending_analysis','in_progress','in_progress','in_progress','done','done','closed'])[1 + floor(random() * 10)::int]
            END AS st
          FROM records b CROSS JOIN generate_series(1, ${generations}) AS g
          LIMIT ${copies}
        ) u
      ) v
    ) w`);
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface CannonRun {
  requests: number;
  ok: number;
  seconds: number;
  latencies: number[];
  errors: number;
  non2xx: number;
}

/** Run autocannon and collect every response time (autocannon's histogram has no p95). */
function cannon(options: autocannon.Options): Promise<CannonRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let ok = 0;
    const instance = autocannon({ connections: 1, ...options }, (error, result) => {
      if (error) reject(error);
      else resolve({ requests: latencies.length, ok, seconds: result.duration, latencies, errors: result.errors, non2xx: result.non2xx });
    });
    // The tracker emits (client, statusCode, resBytes, responseTime); @types/autocannon leaves out the client.
    (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
      latencies.push(time);
      if (status >= 200 && status < 300) ok++;
    });
  });
}

/** p95 of GET /api/v1/records for each query combination, one request at a time (a person's latency). */
async function listLatencies(server: ServerProcess, token: string) {
  const out: Array<{ name: string; p50: number; p95: number; p99: number; ok: number; requests: number }> = [];
  for (const { name, query } of LIST_QUERIES) {
    const url = `${server.url}/api/v1/records?${query}`;
    await cannon({ url, amount: 20, headers: { authorization: `Bearer ${token}` } }); // warm-up
    const run = await cannon({ url, amount: LIST_REQUESTS, headers: { authorization: `Bearer ${token}` } });
    if (run.ok !== run.requests) throw new Error(`list "${name}": ${run.requests - run.ok} of ${run.requests} requests failed`);
    out.push({ name, p50: percentile(run.latencies, 50), p95: percentile(run.latencies, 95), p99: percentile(run.latencies, 99), ok: run.ok, requests: run.requests });
  }
  return out;
}

/** The SQL listRecords sends for a query string, captured from the driver, then EXPLAIN ANALYZE'd. */
async function explainList(database: Database, query: string): Promise<string[]> {
  const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const original = client.query.bind(client);
  let captured: { text: string; params: unknown[] } | undefined;
  client.query = (...args: unknown[]) => {
    const [first, second] = args;
    if (typeof first === 'string') captured = { text: first, params: (second as unknown[]) ?? [] };
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      captured = { text: q.text, params: (second as unknown[] | undefined) ?? q.values ?? [] };
    }
    return original(...args);
  };
  try {
    const params = Object.fromEntries(new URLSearchParams(query));
    const parsed: RecordListQuery = {
      ...params,
      ...(params.status ? { status: params.status.split(',') } : {}),
      ...(params.department ? { department: params.department.split(',') } : {}),
      ...(params.limit ? { limit: Number(params.limit) } : {}),
    } as RecordListQuery;
    await listRecords(database.db, parsed, { now: new Date(), actorId: uuidv7(), timeZone: DEFAULT_TIME_ZONE });
  } finally {
    client.query = original;
  }
  if (!captured) return ['(query not captured)'];
  const result = (await original(`EXPLAIN (ANALYZE, BUFFERS) ${captured.text}`, captured.params)) as { rows: Array<Record<string, string>> };
  return result.rows.map((row) => Object.values(row)[0] as string);
}

/** Numbers of the raw inserts, counted across runs so no two rows share one. */
let rawSeq = 0;

/** Single-row INSERTs of API-shaped rows into `records` for `seconds`, `concurrency` at a time, after WARMUP_SECONDS not counted. */
async function rawInsertRate(store: BenchStore, seconds: number, connections?: number) {
  const driver = await store.rawDriver(connections);
  const rand = mulberry32(7);
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const text = `INSERT INTO records (id, record_number, department, status, validity, category, source, channel, nature,
      urgency, priority, initial_priority, customer_type, owner_id, campaign_id, merged_into, due_at, recorded_at,
      updated_at, version, site_key_id, reporter_key, created_by, created_at, body_hash, change_seq, doc, search)
    VALUES ($1, $2, $3, 'pending_analysis', 'unscreened', $4, $5, $6, NULL, NULL, NULL, $7, $8, NULL, NULL, NULL, NULL,
      $9, $10, 1, NULL, NULL, NULL, $10, $11, nextval('record_change_seq'), $12,
      array_to_tsvector(string_to_array($13, ' ')))`;
  const paramsFor = () => {
    const now = new Date();
    const input = realisticInput(rand, now);
    const recordNumber = `RAW-${day}-${String(++rawSeq).padStart(3, '0')}`;
    // The document exactly as createRecords stores it.
    const doc = newRecord(input, recordNumber, now);
    const tokens = indexTokens(recordNumber, input.customerName, input.industry, input.scenario, input.problem, input.expectedSolution, input.notes);
    return [
      input.id,
      recordNumber,
      input.department,
      input.category,
      input.source,
      input.channel,
      input.initialPriority ?? null,
      input.customerType ?? null,
      input.recordedAt,
      now.toISOString(),
      canonicalHash(input),
      JSON.stringify(doc),
      tokens.join(' '),
    ];
  };
  let count = 0;
  const latencies: number[] = [];
  const started = performance.now() + WARMUP_SECONDS * 1000;
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: driver.concurrency }, async () => {
        while (performance.now() < deadline) {
          const params = paramsFor();
          const t = performance.now();
          await driver.query(text, params);
          if (t < started) continue; // warm-up
          latencies.push(performance.now() - t);
          count++;
        }
      }),
    );
  } finally {
    await driver.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  return { rate: count / elapsed, count, concurrency: driver.concurrency, latencies };
}

/**
 * POST /api/v1/public/submissions (one record each) and /api/v1/records/batch (100 each) for
 * `seconds` each, each after WARMUP_SECONDS of the same load that is not counted.
 */
async function apiIngest(server: ServerProcess, access: Awaited<ReturnType<typeof seedServerAccess>>, seconds: number) {
  const rand = mulberry32(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  /** POSTs to `path` from CONNECTIONS connections: WARMUP_SECONDS not counted, then `seconds` measured. */
  const warmedLoad = async (path: string, headers: Record<string, string>, request: autocannon.Request, onMeasureStart = () => {}) => {
    const run = (duration: number) =>
      cannon({ url: `${server.url}${path}`, method: 'POST', connections: CONNECTIONS, duration, headers, timeout: 60, requests: [request] });
    await run(WARMUP_SECONDS);
    onMeasureStart();
    return run(seconds);
  };
  const submissions = await warmedLoad('/api/v1/public/submissions', access.widgetHeaders, {
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify(
        submissionInput(`bench-reporter-${Math.floor(rand() * 1000)}-0123456789`, {
          problem: pick(PROBLEMS),
          scenario: pick(SCENARIOS),
          submittedAt: new Date().toISOString(),
        }),
      ),
    }),
  });

  let accepted = 0;
  const batch = await warmedLoad('/api/v1/records/batch', access.staffHeaders, {
    setupRequest: (request) => {
      const now = new Date();
      return { ...request, body: JSON.stringify({ items: Array.from({ length: BATCH_SIZE }, () => realisticInput(rand, now)) }) };
    },
    onResponse: (status, body) => {
      if (status !== 200) return;
      const parsed = JSON.parse(body) as { results: Array<{ status: string }> };
      accepted += parsed.results.filter((r) => r.status === 'accepted').length;
    },
  }, () => {
    accepted = 0;
  });
  return {
    submissions: {
      rate: submissions.ok / submissions.seconds,
      latencies: submissions.latencies,
      failed: submissions.requests - submissions.ok + submissions.errors,
    },
    batch: {
      rate: accepted / batch.seconds,
      latencies: batch.latencies,
      failed: batch.requests - batch.ok + batch.errors + (batch.ok * BATCH_SIZE - accepted),
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** One raw run and the API runs right after it. */
interface Round {
  raw: Awaited<ReturnType<typeof rawInsertRate>>;
  api: Awaited<ReturnType<typeof apiIngest>>;
}

interface StoreResult {
  kind: 'pglite' | 'postgres';
  label: string;
  rounds: Round[];
  /** PostgreSQL only: the same inserts over one connection, one at a time (context, not a budget). */
  rawOne?: Awaited<ReturnType<typeof rawInsertRate>>;
  list: Awaited<ReturnType<typeof listLatencies>>;
  plans: Array<{ name: string; lines: string[] }>;
  listRecords: number;
}

async function benchStore(store: BenchStore): Promise<StoreResult> {
  let server: ServerProcess | undefined;
  try {
    let t = performance.now();
    const lap = (what: string) => {
      log(`${store.label}: ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
    };
    let database = await store.open();
    const access = await seedServerAccess(database.db, { department: 'WEB' });
    await seedRecords(database, LIST_RECORDS);
    // PostgreSQL's autovacuum analyses a table this size within a minute; do it now so the run is repeatable.
    // PGlite runs no autovacuum, so its planner works on what the inserts left behind, as in production.
    if (store.kind === 'postgres') await database.db.execute(sql`ANALYZE`);
    const counted = (await database.db.execute(sql`SELECT count(*)::int AS n FROM records`)) as unknown as { rows: Array<{ n: number }> };
    const n = counted.rows[0]?.n ?? 0;
    await database.close();
    lap(`seeded ${n} records`);

    server = await startServer(store.target);
    const list = await listLatencies(server, access.token);
    await server.stop();
    server = undefined;
    lap('list queries');

    database = await store.open();
    const plans: Array<{ name: string; lines: string[] }> = [];
    for (const { name, query } of LIST_QUERIES) plans.push({ name, lines: await explainList(database, query) });
    await database.close();
    const rawOne = store.kind === 'postgres' ? await rawInsertRate(store, INGEST_SECONDS, 1) : undefined;
    if (rawOne) lap(`raw inserts over one connection (${rawOne.count})`);

    // The server is stopped during the raw runs: PGlite's files are one process's at a time.
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const raw = await rawInsertRate(store, INGEST_SECONDS);
      server = await startServer(store.target);
      const api = await apiIngest(server, access, INGEST_SECONDS);
      await server.stop();
      server = undefined;
      rounds.push({ raw, api });
      lap(`round ${round}: raw ${fmt(raw.rate)}/s, submissions ${fmt(api.submissions.rate)}/s, batch ${fmt(api.batch.rate)}/s`);
    }
    return { kind: store.kind, label: store.label, rounds, rawOne, list, plans, listRecords: n };
  } finally {
    await server?.kill();
    if (process.env.BENCH_KEEP === '1') log(`${store.label}: kept for profiling: ${JSON.stringify(store.target)}`);
    else await store.cleanup();
  }
}

function report(results: StoreResult[]): string {
  const lines: string[] = [];
  const byKind = (kind: 'pglite' | 'postgres') => results.find((r) => r.kind === kind);
  lines.push(
    '',
    `Echobox server bench: ${CONNECTIONS} connections; ${ROUNDS} rounds of raw → API ingest, ${INGEST_SECONDS} s per run after ` +
      `${WARMUP_SECONDS} s of warm-up; list at ${LIST_RECORDS} records; loopback`,
  );
  lines.push('');
  const ingest: string[][] = [['ingest (median of rounds)', 'store', 'rate/s', 'p50 ms', 'p99 ms', 'API/raw', 'budget ≥0.5', 'failed']];
  const all = <T>(r: StoreResult, pick: (round: Round) => T[]) => r.rounds.flatMap(pick);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  for (const r of results) {
    const raw = median(r.rounds.map((x) => x.raw.rate));
    const s = median(r.rounds.map((x) => x.api.submissions.rate / x.raw.rate));
    const b = median(r.rounds.map((x) => x.api.batch.rate / x.raw.rate));
    const rawLatencies = all(r, (x) => x.raw.latencies);
    const subLatencies = all(r, (x) => x.api.submissions.latencies);
    const batchLatencies = all(r, (x) => x.api.batch.latencies);
    ingest.push([`raw INSERT (${r.rounds[0]?.raw.concurrency} conn)`, r.label, fmt(raw), fmt(percentile(rawLatencies, 50), 1), fmt(percentile(rawLatencies, 99), 1), '', '', '0']);
    ingest.push([
      'API submissions (records/s)', r.label, fmt(median(r.rounds.map((x) => x.api.submissions.rate))),
      fmt(percentile(subLatencies, 50), 1), fmt(percentile(subLatencies, 99), 1),
      fmt(s, 2), s >= BUDGET.ingestRatio ? 'ok' : 'MISSED', String(sum(r.rounds.map((x) => x.api.submissions.failed))),
    ]);
    ingest.push([
      'API batch x100 (records/s)', r.label, fmt(median(r.rounds.map((x) => x.api.batch.rate))),
      fmt(percentile(batchLatencies, 50), 1), fmt(percentile(batchLatencies, 99), 1),
      fmt(b, 2), b >= BUDGET.ingestRatio ? 'ok' : 'MISSED', String(sum(r.rounds.map((x) => x.api.batch.failed))),
    ]);
  }
  lines.push(table(ingest), '');
  for (const r of results) {
    const each = r.rounds.map((x, i) => `${i + 1}: raw ${fmt(x.raw.rate)}, submissions ${fmt(x.api.submissions.rate / x.raw.rate, 2)}, batch ${fmt(x.api.batch.rate / x.raw.rate, 2)}`);
    lines.push(`${r.label} rounds (API/raw): ${each.join('; ')}`);
  }
  lines.push('');
  for (const r of results) {
    if (!r.rawOne) continue;
    // Gap-free numbers make one department's records one writer's work: this is that writer's floor.
    const submissions = median(r.rounds.map((x) => x.api.submissions.rate));
    lines.push(
      `${r.label} with one connection (context, not a budget): raw INSERT ${fmt(r.rawOne.rate)}/s (p50 ${fmt(percentile(r.rawOne.latencies, 50), 1)} ms); ` +
        `API submissions / that = ${fmt(submissions / r.rawOne.rate, 2)}.`,
      '',
    );
  }
  const list: string[][] = [['GET /api/v1/records', 'store', 'p50 ms', 'p95 ms', 'p99 ms', 'budget p95', '']];
  for (const r of results) {
    const budget = BUDGET.listP95[r.kind];
    for (const q of r.list) list.push([q.name, r.label, fmt(q.p50, 1), fmt(q.p95, 1), fmt(q.p99, 1), `< ${budget}`, q.p95 < budget ? 'ok' : 'MISSED']);
  }
  lines.push(table(list), '');
  for (const r of results) {
    const budget = BUDGET.listP95[r.kind];
    for (const [i, q] of r.list.entries()) {
      if (q.p95 < budget) continue;
      const plan = r.plans[i];
      lines.push(`EXPLAIN ANALYZE on ${r.label}, "${q.name}" (p95 ${fmt(q.p95, 1)} ms over budget):`);
      lines.push(...(plan?.lines ?? []).slice(0, 14).map((l) => `  ${l}`), '');
    }
  }
  lines.push(
    'ingest_ratio = median over the rounds of min(API submissions, API batch) / raw INSERT rate of the same round; ' +
      'list_p95 = worst p95 over the query combinations.',
  );
  const ratio = (r?: StoreResult) =>
    r ? median(r.rounds.map((x) => Math.min(x.api.submissions.rate, x.api.batch.rate) / x.raw.rate)) : NaN;
  const worst = (r?: StoreResult) => (r ? Math.max(...r.list.map((q) => q.p95)) : NaN);
  lines.push(
    `ingest_ratio_pglite=${fmt(ratio(byKind('pglite')), 2)} ingest_ratio_pg=${fmt(ratio(byKind('postgres')), 2)} ` +
      `list_p95_ms_pglite=${fmt(worst(byKind('pglite')))} list_p95_ms_pg=${fmt(worst(byKind('postgres')))}`,
  );
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  const only = process.env.BENCH_ONLY; // 'pglite' or 'postgres' to profile one store
  const results: StoreResult[] = [];
  if (only !== 'postgres') results.push(await benchStore(pgliteStore()));
  if (only !== 'pglite') {
    const cluster = postgresCluster();
    try {
      results.push(await benchStore(await postgresStore(cluster.url)));
    } finally {
      if (process.env.BENCH_KEEP !== '1') cluster.stop();
    }
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${report(results)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
