import { serve } from '@hono/node-server';
import { buildConsole } from '../../console/build';
import { buildWidget, firstOpenGzip } from '../../widget/build';
import { createLogger } from '../../server/logging/logger';
import { createApp } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/context';
import { openDatabase } from '../../server/db/open';
import { createRecords } from '../../server/store/create-records';
import { createUser } from '../../server/store/users';
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
 * (default 100k) on PGlite in memory, beside the 300 ms budget. The last line is for machines.
 */

const BUDGET = 120 * 1024;
const FIRST_PAGE_BUDGET_MS = 300;
const RECORDS = Number(process.env.BENCH_CONSOLE_RECORDS ?? 100_000);
const ROUNDS = 5;

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

/** Median of navigation → first queue row rendered, over ROUNDS loads of a signed-in browser. */
async function firstPageMs(): Promise<number> {
  const database = await openDatabase({ memory: true });
  const tools = { db: database.db } as SeedTools;
  const seeded = Date.now();
  await fill(tools, RECORDS);
  await createUser(database.db, { email: 'bench@example.com', name: 'Bench', role: 'reviewer', department: 'CS', password: 'correct horse battery staple' });
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
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
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
    const ms = await firstPageMs();
    console.log(`  navigation → first rows  ${ms.toFixed(0)} ms  budget ${FIRST_PAGE_BUDGET_MS} ms  ${ms <= FIRST_PAGE_BUDGET_MS ? 'within' : 'OVER'}`);
    console.log(`console_gzip_bytes=${total} first_page_ms=${Math.round(ms)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
