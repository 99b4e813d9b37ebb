/*
 * Extension benchmark (`npm run bench:extension`), budgets of issue 5:
 * - clip_ms: from the clip command (the toolbar button, pressed through CDP on a Zendesk ticket in
 *   Debian Chromium with the BUILT extension) until the draft and its screenshot are in IndexedDB
 *   (the background sets the active draft last). Median of several clips. Budget < 300 ms.
 * - sync_1000_ms: 1,000 queued records in the extension's outbox (IndexedDB via fake-indexeddb in
 *   Node) sent by the extension's own sync service (batches of 100, then the changes feed) to the
 *   real server process on PGlite. Budget < 10 s.
 * - clip_large_ms (issue 14): the same on a 10,000-element article page, Readability under its time
 *   budget included. Budget ≤ 400 ms; the ticket clip's median budget is now ≤ 150 ms.
 * The last line is machine-readable: `clip_ms=N sync_1000_ms=N clip_large_ms=N`.
 */
import 'fake-indexeddb/auto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../server/db/open';
import { createToken, createUser } from '../../server/store/users';
import { startServer } from '../server/support/server-process';
import { recordInput } from '../server/support/fixtures';
import { openOutbox, type OutboxEntry } from '../../shared/sync';
import { createSyncService } from '../../extension/background/sync-service';
import type { RecordInput } from '../../shared/schemas/record';
import { ROOT, buildExtension, launchWithExtension, pressToolbarButton, serveFixtures } from '../e2e/support/extension-browser';

const CLIPS = Number(process.env.BENCH_CLIPS ?? 9);
const RECORDS = 1_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** An article page of about `elements` elements (navigation, sections of paragraphs with links), as a large news page is. */
export function largeArticle(elements: number): string {
  const nav = Array.from({ length: 200 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const paragraph = (i: number) =>
    `<p>Paragraph ${i} of the report: the export button in the <em>reports</em> module did nothing for <a href="/c/${i}">customer ${i}</a>, and <strong>support</strong> wrote it down.</p>`;
  // Each paragraph is 4 elements; the navigation about 400 and the frame a few more.
  const sections = Array.from({ length: Math.ceil((elements - 420) / 4 / 10) }, (_, s) =>
    `<section><h2>Part ${s}</h2>${Array.from({ length: 10 }, (_, i) => paragraph(s * 10 + i)).join('')}</section>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><title>A very large report | Example News</title><meta property="og:site_name" content="Example News"></head><body><nav><ul>${nav}</ul></nav><main><article><h1>A very large report</h1>${sections}</article></main></body></html>`;
}

/** Median time of toolbar clips of `path` on the fixture server (the Zendesk ticket, or the large page). */
async function benchClip(dir: string, kind: 'ticket' | 'large'): Promise<number> {
  const extensionDir = await buildExtension();
  const pages = join(dir, `pages-${kind}`);
  await mkdir(pages, { recursive: true });
  await writeFile(join(pages, 'large-article.html'), largeArticle(10_000));
  const fixtures = await serveFixtures(kind === 'ticket' ? join(ROOT, 'test', 'fixtures', 'helpdesk') : pages);
  const browser = await launchWithExtension(join(dir, `profile-${kind}`), extensionDir, ['--host-resolver-rules=MAP acme.zendesk.com 127.0.0.1']);
  try {
    const page = await browser.context.newPage();
    await page.goto(kind === 'ticket' ? `http://acme.zendesk.com:${fixtures.port}/agent/tickets/48213` : `http://127.0.0.1:${fixtures.port}/large-article.html`);
    if (kind === 'large') console.log(`large page: ${await page.evaluate(() => document.getElementsByTagName('*').length)} elements`);
    const times: number[] = [];
    for (let i = 0; i < CLIPS + 1; i++) {
      const worker = await browser.worker();
      // Resolves when the background has stored the draft (blob, entry) and set it active: its last step.
      // Page functions are passed as text: tsx would otherwise inject its `__name` helper into them.
      const stored = worker.evaluate(`new Promise((resolve) => {
        const listener = (changes) => {
          if (!('activeDraft' in changes)) return;
          chrome.storage.onChanged.removeListener(listener);
          resolve(true);
        };
        chrome.storage.onChanged.addListener(listener);
      })`);
      await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      await pressToolbarButton(browser, page);
      await stored;
      const elapsed = performance.now() - started;
      // The first clip pays for the worker and IndexedDB warming up; the budget is for the steady state.
      if (i > 0) times.push(elapsed);
      await new Promise((r) => setTimeout(r, 600));
    }
    const shots = (await (await browser.worker()).evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('echobox-extension');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const count = open.result.transaction('blobs').objectStore('blobs').count();
        count.onsuccess = () => resolve(count.result);
      };
    })`)) as number;
    console.log(`clip ${kind}: ${times.map((t) => t.toFixed(0)).join(' ')} ms (median of ${times.length}); ${shots} screenshots stored`);
    if (shots < times.length) throw new Error('clips were stored without their screenshots');
    return median(times);
  } finally {
    await browser.close();
    await fixtures.close();
  }
}

async function benchSync(dir: string): Promise<number> {
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const agent = await createUser(database.db, { email: 'bench.agent@example.com', name: '李客服', role: 'agent', department: 'CS' });
  const { token } = await createToken(database.db, agent.id, 'bench');
  await database.close();
  const server = await startServer({ dataDir });
  const outbox = await openOutbox(`bench-${uuidv7()}`, { broadcast: false });
  try {
    const now = Date.now();
    for (let i = 0; i < RECORDS; i++) {
      const payload: RecordInput = recordInput({
        id: uuidv7(),
        problem: `导出报表时点击导出按钮没有反应(第 ${i + 1} 位客户),客户多次提及问题未解决`,
        origin: {
          kind: 'extension',
          clip: {
            page: { url: `https://acme.zendesk.com/agent/tickets/${48_000 + i}`, title: '导出报表没有反应', metadata: {} },
            capturedAt: new Date(now).toISOString(),
          },
        },
      });
      const entry: OutboxEntry<RecordInput> = { id: payload.id, kind: 'record', payload, state: 'queued', attempts: 0, nextAttemptAt: 0, createdAt: now, updatedAt: now };
      await outbox.put(entry);
    }
    const sync = createSyncService({
      outbox,
      target: async () => ({ serverUrl: server.url, token }),
      identity: async () => null,
      locks: null,
    });
    const started = performance.now();
    const report = await sync.syncNow();
    const elapsed = performance.now() - started;
    const synced = await outbox.count(['synced']);
    console.log(`sync: ${report.synced} of ${RECORDS} accepted in ${elapsed.toFixed(0)} ms (${synced} synced in the outbox, ${report.unsynced} left)`);
    if (synced !== RECORDS) throw new Error(`only ${synced} of ${RECORDS} records synced`);
    return elapsed;
  } finally {
    outbox.close();
    await server.stop();
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'echobox-bench-ext-'));
  try {
    const clip = await benchClip(dir, 'ticket');
    const large = await benchClip(dir, 'large');
    const sync = await benchSync(dir);
    console.log(
      `budgets: clip ≤ 150 ms (${clip <= 150 ? 'ok' : 'OVER'}), 10,000-element page ≤ 400 ms (${large <= 400 ? 'ok' : 'OVER'}), 1,000 synced < 10 s (${sync < 10_000 ? 'ok' : 'OVER'})`,
    );
    console.log(`clip_ms=${Math.round(clip)} sync_1000_ms=${Math.round(sync)} clip_large_ms=${Math.round(large)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
