import { serve } from '@hono/node-server';
import { buildConsole } from '../../console/build';
import { buildWidget, firstOpenGzip } from '../../widget/build';
import { createLogger } from '../../server/logging/logger';
import { createApp } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/context';
import { openDatabase } from '../../server/db/open';
import { createRecords } from '../../server/store/create-records';
import { createToken, createUser } from '../../server/store/users';
import { launchChromium } from '../e2e/support/browser';
import { seedRecords } from '../e2e/support/console-page';
import type { SeedTools } from '../e2e/support/echobox-server';
import { v7 as uuidv7 } from 'uuid';

/*
 * `npm run bench:console`, first version: what the console's first load downloads (its one script
 * and one stylesheet, gzip -9 of the production build) beside the widget's first open and the
 * 120 KB budget, and the biggest parts of the script (minified bytes each input put in, grouped by
 * package or folder); then the time from navigation to the first rendered queue page in Chromium
 * (median of 5, signed in, dist/console served by the app) over BENCH_CONSOLE_RECORDS records
 * (default 100k) on PGlite in memory, beside the 300 ms budget; a filter change re-rendered (median
 * of 5, from the select's change to every shown row matching); and the XLSX ledger export of every
 * record (the streamed route, read to the end) with the peak RSS growth from a 10k-record export to
 * the whole one, beside 10 s and 50 MB. The last line is for machines.
 */

const BUDGET = 120 * 1024;
const FIRST_PAGE_BUDGET_MS = 300;
const RECORDS = Number(process.env.BENCH_CONSOLE_RECORDS ?? 100_000);
const ROUNDS = 5;
const FILTER_BUDGET_MS = 150;
const EXPORT_BUDGET_MS = 10_000;
const EXPORT_GROWTH_BUDGET_MB = 50;
/** Records of the smaller export: the first week of the seeded minutes (one record a minute). */
const SMALL_EXPORT = 10_000;

/** Fill PGlite with `total` records: 12 realistic ones, copied in batches of 500 through the real writer. */
async function fill(tools: SeedTools, total: number) {
  const templates = await seedRecords(tools, 12);
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let done = templates.length; done < total; done += 500) {
    const items = Array.from({ length: Math.min(500, total - done) }, (_, i) => ({
      input: { ...templates[(done + i) % templates.length]!, id: uuidv7(), department: `D${(done + i) % 40}`, recordedAt: new Date(start + (done + i) * 60_000).toISOString() },
    }));
    await createRecords(tools.db, items, { now: new Date(items.at(-1)!.input.recordedAt), timeZone: 'Asia/Shanghai', author: { id: null, label: 'bench' }, createdBy: null });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Read an XLSX export to its end, sampling RSS meanwhile: milliseconds taken and the peak RSS in bytes. */
async function exportRun(app: ReturnType<typeof createApp>, token: string, query: string): Promise<{ ms: number; peak: number; bytes: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const res = await app.request(`/api/v1/exports/ledger.xlsx?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
    let bytes = 0;
    const reader = res.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.byteLength;
    return { ms: performance.now() - started, peak: Math.max(peak, process.memoryUsage.rss()), bytes };
  } finally {
    clearInterval(sampler);
  }
}

/** Median of navigation → first queue row rendered over ROUNDS loads, a filter change's median, and the XLSX export figures. */
async function measure(): Promise<{ firstPage: number; filter: number; exportMs: number; growthMb: number }> {
  const database = await openDatabase({ memory: true });
  const tools = { db: database.db } as SeedTools;
  const seeded = Date.now();
  await fill(tools, RECORDS);
  const user = await createUser(database.db, { email: 'bench@example.com', name: 'Bench', role: 'reviewer', department: 'CS', password: 'correct horse battery staple' });
  const { token } = await createToken(database.db, user.id, 'bench');
  console.log(`  seeded ${RECORDS} records in ${((Date.now() - seeded) / 1000).toFixed(0)} s`);
  const app = createApp({ db: database.db, dbKind: database.kind, config: DEFAULT_CONFIG, now: () => new Date(), logger: createLogger({ level: 'silent' }) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const login = await page.request.post(`${url}/api/v1/auth/login`, { data: { email: 'bench@example.com', password: 'correct horse battery staple' } });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    const times: number[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      await page.goto(`${url}/`, { waitUntil: 'commit' });
      // Read in the page's own clock, which starts at the navigation: no driver round trips counted.
      const at = await page.waitForFunction(() => (document.querySelector('[role=row][data-record-number]') ? performance.now() : false), undefined, { polling: 'raf' });
      // The first load warms the server's caches and Chromium's; it is not counted.
      if (i > 0) times.push(Number(await at.jsonValue()));
    }
    const firstPage = median(times);

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
    const filter = median(filters);

    // The ledger export: a week of records first, then all of them; the growth between the two peaks.
    const small = await exportRun(app, token, 'to=2025-01-07');
    const whole = await exportRun(app, token, '');
    console.log(`  export ${SMALL_EXPORT} → ${RECORDS}: ${(small.bytes / 1e6).toFixed(1)} MB in ${small.ms.toFixed(0)} ms, ${(whole.bytes / 1e6).toFixed(1)} MB in ${whole.ms.toFixed(0)} ms`);
    return { firstPage, filter, exportMs: whole.ms, growthMb: Math.max(0, whole.peak - small.peak) / 1_048_576 };
  } finally {
    await browser.close();
    server.close();
    await database.close();
  }
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

async function main() {
  {
    // Into dist/console, which the app serves for the timing below.
    const built = await buildConsole();
    const widget = await buildWidget({ write: false });
    const total = built.js.gzipBytes + built.css.gzipBytes;
    console.log('Console first load (gzip -9)');
    console.log(`  script        ${kb(built.js.gzipBytes)}  (${kb(built.js.bytes).trim()} minified)`);
    console.log(`  stylesheet    ${kb(built.css.gzipBytes)}`);
    console.log(`  total         ${kb(total)}  budget ${kb(BUDGET).trim()}  ${total <= BUDGET ? 'within' : 'OVER'}`);
    console.log(`  widget first open ${kb(firstOpenGzip(widget)).trim()} for comparison`);
    console.log('Biggest parts of the script (minified, before gzip)');
    for (const part of built.parts.slice(0, 8)) console.log(`  ${part.name.padEnd(28)} ${kb(part.bytes)}`);
    console.log(`First queue page in Chromium over ${RECORDS} records (PGlite, median of ${ROUNDS})`);
    const m = await measure();
    const line = (name: string, value: number, unit: string, budget: number) =>
      console.log(`  ${name.padEnd(26)} ${value.toFixed(0).padStart(6)} ${unit}  budget ${budget} ${unit}  ${value <= budget ? 'within' : 'OVER'}`);
    line('navigation → first rows', m.firstPage, 'ms', FIRST_PAGE_BUDGET_MS);
    line('filter change re-rendered', m.filter, 'ms', FILTER_BUDGET_MS);
    line(`XLSX export of ${RECORDS}`, m.exportMs, 'ms', EXPORT_BUDGET_MS);
    line(`export peak RSS growth`, m.growthMb, 'MB', EXPORT_GROWTH_BUDGET_MB);
    console.log(
      `first_page_ms=${Math.round(m.firstPage)} filter_ms=${Math.round(m.filter)} console_gzip_bytes=${total} export_100k_ms=${Math.round(m.exportMs)} export_rss_growth_mb=${Math.round(m.growthMb)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
