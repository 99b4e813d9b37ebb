import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { buildConsole, describeBuild } from '../../console/build';
import { buildWidget, firstOpenGzip } from '../../widget/build';
import { createLogger } from '../../server/logging/logger';
import { createApp } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/context';
import { openDatabase } from '../../server/db/open';
import { createToken, createUser } from '../../server/store/users';
import { launchChromium } from '../e2e/support/browser';
import { seedConsoleRecords } from './console-seed';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import type { Db } from '../../server/db/open';
import { DASHBOARD_PANELS } from '../../shared/schemas/dashboard';

/*
 * `npm run bench:console`: what the console's first load downloads to show the sign-in page and the
 * queue (main script, the chunks it imports, boot script, one language's messages, stylesheet; gzip
 * -9 of the production build) beside the widget's first open and the 120 KB budget, the biggest
 * parts of it (minified bytes each input put in, grouped by package or folder), and the chunks other
 * pages fetch later with their biggest inputs. Then, per
 * store (PostgreSQL when TEST_DATABASE_URL is set, then PGlite on disk as `npm start` runs it;
 * BENCH_STORE=postgres or pglite for one), over BENCH_CONSOLE_RECORDS records (default 100k) seeded
 * afresh by bulk SQL (test/bench/console-seed.ts; nothing is kept between runs): the time from
 * navigation to the first rendered queue page in Chromium (median of 5, signed in, dist/console
 * served by the app) beside 300 ms; a filter change re-rendered (median of 5, from the select's
 * change to every shown row matching) beside 150 ms; and the XLSX ledger export of every record
 * beside 10 s, with the growth of peak RSS (VmHWM) from a 10k-record export to the whole one beside
 * 50 MB, each export in a fresh server process of its own (test/bench/export-probe.ts). The last
 * line is for machines (PGlite's figures; PostgreSQL's are on the line before it).
 */

const BUDGET = 120 * 1024;
const FIRST_PAGE_BUDGET_MS = 300;
const RECORDS = Number(process.env.BENCH_CONSOLE_RECORDS ?? 100_000);
const ROUNDS = 5;
const FILTER_BUDGET_MS = 150;
const EXPORT_BUDGET_MS = 10_000;
const EXPORT_GROWTH_BUDGET_MB = 50;
/** The smaller export: the first week of the seeded minutes (one record a minute), about 10k records. */
const SMALL_EXPORT_QUERY = 'to=2025-01-07';
const PASSWORD = 'correct horse battery staple';
/** What the page logs with the time of its first rows (see the queue's measurement). */
const FIRST_ROWS = 'echobox-bench-first-rows';
/** BENCH_ONLY=export,dashboard measures only the named parts (queue, dashboard, export); all of them when unset. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').map((part) => part.trim()).filter(Boolean));
const runs = (part: 'queue' | 'dashboard' | 'export') => ONLY.size === 0 || ONLY.has(part);

type Store = 'postgres' | 'pglite';
interface Figures {
  firstPage: number;
  filter: number;
  exportMs: number;
  growthMb: number;
  dashboard: DashboardFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One export in a fresh server process (test/bench/export-probe.ts): its time, size and peak RSS growth during it. */
function probeExport(target: string, token: string, query: string): Promise<{ ms: number; cpuMs: number; bytes: number; peak: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'export-probe.ts')], {
      env: { ...process.env, BENCH_PROBE_DB: target, BENCH_PROBE_TOKEN: token, BENCH_PROBE_QUERY: query },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`export probe exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number; bytes: number; hwmAfter: number };
      resolve({ ms: r.ms, cpuMs: r.cpuMs, bytes: r.bytes, peak: r.hwmAfter });
    });
  });
}

/** The ledger export: a week of records, then all of them, each in a fresh server process (NaN when BENCH_ONLY leaves it out). */
async function measureExports(target: string, token: string): Promise<{ exportMs: number; growthMb: number }> {
  if (!runs('export')) return { exportMs: NaN, growthMb: NaN };
  const small = await probeExport(target, token, SMALL_EXPORT_QUERY);
  const whole = await probeExport(target, token, '');
  console.log(
    `  export ~10k → ${RECORDS}: ${(small.bytes / 1e6).toFixed(1)} MB in ${small.ms.toFixed(0)} ms (peak RSS ${(small.peak / 1_048_576).toFixed(0)} MB), ` +
      `${(whole.bytes / 1e6).toFixed(1)} MB in ${whole.ms.toFixed(0)} ms, ${whole.cpuMs.toFixed(0)} ms of CPU (peak RSS ${(whole.peak / 1_048_576).toFixed(0)} MB)`,
  );
  return { exportMs: whole.ms, growthMb: Math.max(0, whole.peak - small.peak) / 1_048_576 };
}

/** A fresh, empty database of the store: a new PostgreSQL database in TEST_DATABASE_URL's cluster, or a new PGlite folder. */
async function freshStore(store: Store): Promise<{ target: string; drop: () => Promise<void> }> {
  if (store === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'echobox-bench-console-'));
    return { target: join(dir, 'pglite'), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('BENCH_STORE=postgres needs TEST_DATABASE_URL');
  const name = `echobox_bench_console_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// Dashboard (issue 13): all aggregates for 12 months at RECORDS records, server time, and the page in Chromium.
const DASHBOARD_BUDGET_MS: Record<Store, number> = { postgres: 500, pglite: 1_000 };
const DASHBOARD_PAGE_BUDGET_MS = 800;
/** Twelve months holding every seeded record (one a minute from SEED_START). */
const DASHBOARD_RANGE = { from: '2025-01-01', to: '2025-12-31' };
interface DashboardFigures {
  /** Median wall time of every panel requested at once, as the page asks, answered in-process. */
  serverMs: number;
  /** Median per panel (each request's own time within those rounds). */
  perPanel: Record<string, number>;
  /** Median time from applying the 12-month range to every panel rendered. */
  pageMs: number;
}

/**
 * What the bulk seed leaves out and the dashboard reads: a response obligation per record (7 in 10
 * met within the hour, 2 met late, 1 breached) and a task completion per owned record, a rating and
 * a working time to done per done record, and 10k answers to one CSAT/NPS survey over the year.
 */
async function seedDashboardFacts(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at, met_at, working_ms)
    SELECT id, 1, 'response', recorded_at, recorded_at + interval '3 days',
      CASE WHEN n % 10 < 7 THEN recorded_at + interval '1 hour' WHEN n % 10 < 9 THEN recorded_at + interval '5 days' END,
      CASE WHEN n % 10 < 7 THEN 3600000 WHEN n % 10 < 9 THEN 144000000 END
    FROM (SELECT id, recorded_at, row_number() OVER (ORDER BY created_at) AS n FROM records) r
    WHERE NOT EXISTS (SELECT 1 FROM record_obligations o WHERE o.record_id = r.id)`);
  await db.execute(sql`
    INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at, met_at, working_ms)
    SELECT id, 2, 'task_completion', created_at, created_at + interval '14 days',
      CASE WHEN status = 'done' THEN created_at + interval '7 days' END, CASE WHEN status = 'done' THEN 144000000 END
    FROM records WHERE owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_obligations o WHERE o.record_id = records.id AND o.ord = 2)`);
  await db.execute(sql`
    UPDATE records SET
      doc = jsonb_set(doc, '{satisfaction}', jsonb_build_array(jsonb_build_object(
        'rating', (ARRAY['satisfied', 'basically_satisfied', 'dissatisfied'])[1 + ((extract(epoch FROM created_at)::bigint / 60) % 3)::int],
        'at', to_char((created_at + interval '10 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'cycle', 1))),
      satisfaction = (ARRAY['satisfied', 'basically_satisfied', 'dissatisfied'])[1 + ((extract(epoch FROM created_at)::bigint / 60) % 3)::int],
      done_at = created_at + interval '7 days', done_working_ms = 144000000
    WHERE status = 'done'`);
  const campaignId = crypto.randomUUID();
  const surveyId = crypto.randomUUID();
  await db.execute(sql`INSERT INTO campaigns (id, doc) VALUES (${campaignId}, ${JSON.stringify({ id: campaignId, goal: 'Bench' })}::jsonb)`);
  await db.execute(sql`INSERT INTO surveys (id, campaign_id, doc) VALUES (${surveyId}, ${campaignId},
    ${JSON.stringify({ id: surveyId, campaignId, purpose: 'campaign', title: { en: 'Bench survey' }, questions: [] })}::jsonb)`);
  await db.execute(sql`
    INSERT INTO survey_responses (id, survey_id, reporter_key, body_hash, doc, answered_at)
    SELECT gen_random_uuid(), ${surveyId}, 'bench-' || g, 'bench-' || g,
      jsonb_build_object('answers', jsonb_build_object('csat', jsonb_build_object('kind', 'csat', 'value', 1 + g % 5), 'nps', jsonb_build_object('kind', 'nps', 'value', g % 11))),
      timestamptz '2025-01-01T00:00:00Z' + g * interval '50 minutes'
    FROM generate_series(1, 10000) g`);
  // As the store's own upkeep leaves it: PostgreSQL's autovacuum vacuums a table after this many
  // inserts, and so does the server on PGlite (server/db/auto-vacuum.ts), so the dashboard's
  // index-only scans skip the table.
  await db.execute(sql`VACUUM ANALYZE`);
}

/** Every dashboard panel for the 12 months, all at once as the page asks (median of ROUNDS after a warm-up), then the page in Chromium. */
async function measureDashboard(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, token: string, page: Page, url: string): Promise<DashboardFigures> {
  const query = `from=${DASHBOARD_RANGE.from}&to=${DASHBOARD_RANGE.to}`;
  const panels = Object.keys(DASHBOARD_PANELS);
  const walls: number[] = [];
  const each = new Map<string, number[]>(panels.map((p) => [p, []]));
  for (let i = 0; i <= ROUNDS; i++) {
    const started = performance.now();
    await Promise.all(
      panels.map(async (p) => {
        const t0 = performance.now();
        const res = await app.request(`/api/v1/dashboard/${p}?${query}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`dashboard ${p}: ${res.status}`);
        await res.arrayBuffer();
        if (i > 0) each.get(p)!.push(performance.now() - t0);
      }),
    );
    if (i > 0) walls.push(performance.now() - started);
  }
  // The page: from pressing Apply on the 12-month range to every panel rendered with it (records total = RECORDS).
  const pages: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    await page.goto(`${url}/dashboard`, { waitUntil: 'commit' });
    await page.locator('main[aria-busy=false] .kpi').first().waitFor();
    await page.locator('input[name=from]').fill(DASHBOARD_RANGE.from);
    await page.locator('input[name=to]').fill(DASHBOARD_RANGE.to);
    await page.evaluate(() => {
      (window as unknown as { applyAt: number }).applyAt = performance.now();
      document.querySelector<HTMLButtonElement>('.dash-filters button[type=submit]')!.click();
    });
    const done = await page.waitForFunction(
      (total) =>
        document.querySelector('main[aria-busy=false] #dash-topics') && document.querySelector('.kpi .kpi-value')?.textContent?.replace(/\D/g, '') === total
          ? performance.now() - (window as unknown as { applyAt: number }).applyAt
          : false,
      String(RECORDS),
      { polling: 'raf', timeout: 120_000 },
    );
    if (i > 0) pages.push(Number(await done.jsonValue()));
  }
  return { serverMs: median(walls), perPanel: Object.fromEntries([...each].map(([p, v]) => [p, Math.round(median(v))])), pageMs: median(pages) };
}

/** Seed `RECORDS` records into a fresh store, then time the first page, a filter change and the exports. */
async function measure(store: Store, browser: Browser | undefined): Promise<Figures> {
  const fresh = await freshStore(store);
  try {
    const database = await openDatabase(fresh.target.startsWith('postgres') ? { url: fresh.target } : { dataDir: fresh.target, holder: 'bench:console' });
    let closed: Promise<void> | undefined;
    const close = () => (closed ??= database.close());
    let token: string;
    // Parts left out by BENCH_ONLY stay NaN and are not printed.
    let firstPage = NaN;
    let filter = NaN;
    let dashboard: DashboardFigures = { serverMs: NaN, perPanel: {}, pageMs: NaN };
    try {
      const user = await createUser(database.db, { email: 'bench@example.com', name: 'Bench', role: 'reviewer', department: 'CS', password: PASSWORD });
      token = (await createToken(database.db, user.id, 'bench')).token;
      const seeded = performance.now();
      await seedConsoleRecords(database.db, RECORDS, { id: user.id, name: 'Bench' }, new Date());
      await seedDashboardFacts(database.db);
      console.log(`  seeded ${RECORDS} records in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      if (!browser) {
        // Nothing to measure in Chromium (BENCH_ONLY=export): straight to the exports, which need the store closed.
        await close();
        return { firstPage, filter, dashboard, ...(await measureExports(fresh.target, token)) };
      }
      const app = createApp({ db: database.db, dbKind: database.kind, config: DEFAULT_CONFIG, now: () => new Date(), logger: createLogger({ level: 'silent' }) });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const login = await page.request.post(`${url}/api/v1/auth/login`, { data: { email: 'bench@example.com', password: PASSWORD } });
        if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
        if (runs('queue')) {
        // Before the page's own scripts: the page's clock (which starts at the navigation) at the
        // first animation frame with a queue row in the DOM, told through the console. Playwright's
        // polling (waitForFunction) would compile its injected script on the page's main thread
        // during the very load measured (40-50 ms) and start polling late; this reads the same
        // moment with no driver round trips and no driver work in the page.
        await context.addInitScript((tag) => {
          if (location.pathname !== '/') return;
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[role=row][data-record-number]')) return;
            observer.disconnect();
            requestAnimationFrame(() => console.log(tag, performance.now()));
          });
          observer.observe(document, { childList: true, subtree: true });
        }, FIRST_ROWS);
        const times: number[] = [];
        for (let i = 0; i <= ROUNDS; i++) {
          const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(`${FIRST_ROWS} `) });
          await page.goto(`${url}/`, { waitUntil: 'commit' });
          const at = Number((await shown).text().slice(FIRST_ROWS.length + 1));
          // The first load warms the server's caches and Chromium's; it is not counted.
          if (i > 0) times.push(at);
          // The page's requests after its first rows (saved views, campaigns, the changes feed) end
          // before the next navigation, as they would for one person opening the console once.
          await page.waitForLoadState('networkidle');
        }
        firstPage = median(times);

        // A filter change: from the select's change event to every shown row being of the chosen type.
        const filters: number[] = [];
        for (let i = 0; i <= ROUNDS; i++) {
          const [code, label] = i % 2 ? ['product_defect', 'Product defect'] : ['feature_request', 'Feature request'];
          await page.evaluate((value) => {
            const select = [...document.querySelectorAll('label.filter')].find((l) => l.textContent?.startsWith('Feedback type'))?.querySelector('select');
            if (!select) throw new Error('no category filter');
            (window as unknown as { filterAt: number }).filterAt = performance.now();
            select.value = value;
            select.dispatchEvent(new Event('change', { bubbles: true }));
          }, code);
          const done = await page.waitForFunction(
            (want) => {
              const cells = [...document.querySelectorAll('[role=row][data-record-number] [aria-colindex="5"]')];
              return cells.length > 0 && cells.every((c) => c.textContent === want) ? performance.now() - (window as unknown as { filterAt: number }).filterAt : false;
            },
            label,
            { polling: 'raf' },
          );
          if (i > 0) filters.push(Number(await done.jsonValue()));
        }
        filter = median(filters);
        }
        if (runs('dashboard')) dashboard = await measureDashboard(app, token, page, url);
      } finally {
        await context.close();
        server.close();
      }
    } finally {
      await close();
    }
    return { firstPage, filter, dashboard, ...(await measureExports(fresh.target, token)) };
  } finally {
    await fresh.drop();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
const machineLine = (m: Figures, gzip: number) =>
  `first_page_ms=${Math.round(m.firstPage)} filter_ms=${Math.round(m.filter)} console_gzip_bytes=${gzip} export_100k_ms=${Math.round(m.exportMs)} export_rss_growth_mb=${Math.round(m.growthMb)}`;

async function main() {
  const inBrowser = runs('queue') || runs('dashboard');
  // Into dist/console, which the app serves for the timing below.
  const built = inBrowser ? await buildConsole() : undefined;
  const total = built?.firstLoadGzip ?? NaN;
  if (built) {
    const widget = await buildWidget({ write: false });
    for (const line of describeBuild(built)) console.log(line);
    console.log(`First load ${kb(total).trim()} against the budget of ${kb(BUDGET).trim()}: ${total <= BUDGET ? 'within' : 'OVER'}; widget first open ${kb(firstOpenGzip(widget)).trim()} for comparison`);
  }

  const wanted = process.env.BENCH_STORE;
  const stores: Store[] = wanted === 'postgres' || wanted === 'pglite' ? [wanted] : process.env.TEST_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
  const browser = inBrowser ? await launchChromium() : undefined;
  const results = new Map<Store, Figures>();
  try {
    for (const store of stores) {
      console.log(`${store === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${RECORDS} records (medians of ${ROUNDS} in Chromium)`);
      const m = await measure(store, browser);
      const line = (name: string, value: number, unit: string, budget: number) => {
        if (!Number.isNaN(value)) console.log(`  ${name.padEnd(26)} ${value.toFixed(0).padStart(6)} ${unit}  budget ${budget} ${unit}  ${value <= budget ? 'within' : 'OVER'}`);
      };
      line('navigation → first rows', m.firstPage, 'ms', FIRST_PAGE_BUDGET_MS);
      line('filter change re-rendered', m.filter, 'ms', FILTER_BUDGET_MS);
      line(`XLSX export of ${RECORDS}`, m.exportMs, 'ms', EXPORT_BUDGET_MS);
      line('export peak RSS growth', m.growthMb, 'MB', EXPORT_GROWTH_BUDGET_MB);
      line('dashboard, 12 months', m.dashboard.serverMs, 'ms', DASHBOARD_BUDGET_MS[store]);
      if (Object.keys(m.dashboard.perPanel).length) console.log(`    per panel: ${Object.entries(m.dashboard.perPanel).map(([p, ms]) => `${p} ${ms} ms`).join(', ')}`);
      line('dashboard page rendered', m.dashboard.pageMs, 'ms', DASHBOARD_PAGE_BUDGET_MS);
      results.set(store, m);
    }
  } finally {
    await browser?.close();
  }
  const postgres = results.get('postgres');
  const pglite = results.get('pglite');
  if (postgres) console.log(`postgres: ${machineLine(postgres, total)}`);
  // Dashboard figures of both stores on the one line; the page's is PGlite's when it ran.
  const dashboardLine = ` dashboard_ms_pg=${postgres ? Math.round(postgres.dashboard.serverMs) : 'NA'} dashboard_ms_pglite=${pglite ? Math.round(pglite.dashboard.serverMs) : 'NA'} dashboard_page_ms=${Math.round((pglite ?? postgres)?.dashboard.pageMs ?? NaN)}`;
  if (pglite) console.log(machineLine(pglite, total) + dashboardLine);
  else if (postgres) console.log(machineLine(postgres, total) + dashboardLine);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
