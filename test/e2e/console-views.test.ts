import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser, seedRecords, signIn } from './support/console-page';
import { startConsole, type ConsoleSuite } from './support/console-suite';

/** Set CONSOLE_SCREENSHOTS=1 to keep 1280×800 screenshots of the queue (both languages, light and dark) in the temp folder. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ? join(tmpdir(), 'echobox-views-shots') : null;

describe('console saved views', () => {
  let suite: ConsoleSuite<{ reviewer: { email: string } }>;
  let server: EchoboxServer & { seeded: { reviewer: { email: string } } };
  let browser: Browser;

  beforeAll(async () => {
    suite = await startConsole({
      seed: async (tools) => {
        const reviewer = await consoleUser(tools, 'reviewer', '李娜');
        await seedRecords(tools, 12);
        return { reviewer };
      },
    });
    ({ server, browser } = suite);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await suite?.close();
  });

  const newPage = (locale = 'en', colorScheme: 'light' | 'dark' = 'light') => suite.newPage({ locale, colorScheme });

  it('opens on its first rows: no empty queue on the way, saved views and campaigns asked only once the first page is in', async () => {
    const page = await suite.signedInPage(server.seeded.reviewer.email, { locale: 'en' });
    await page.addInitScript(() => {
      const w = window as unknown as { emptyShown?: boolean };
      new MutationObserver(() => void (document.querySelector('.empty') && (w.emptyShown = true))).observe(document, { childList: true, subtree: true });
    });
    const seen: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/v1/views' || path === '/api/v1/campaigns') seen.push(`asked ${path}`);
    });
    // The first page is held until the queue has been shown and two frames have passed (its
    // effects have run): anything the queue asks meanwhile is asked before the rows are in.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/v1\/records\?limit=100$/, async (route) => {
      await held;
      seen.push('rows released');
      await route.continue();
    });
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await page.locator('#queue-title').waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    release();
    await page.locator('[role=row][data-record-number]').first().waitFor();
    await expect.poll(() => seen.filter((s) => s.startsWith('asked')).length).toBe(2);
    expect(seen[0]).toBe('rows released');
    // Asked by the page's head (a preload), before any script ran, and asked once.
    const firstPage = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/api/v1/records?limit=100')).map((r) => (r as PerformanceResourceTiming).initiatorType),
    );
    expect(firstPage[0]).toBe('link');
    expect(firstPage.filter((i) => i === 'link')).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { emptyShown?: boolean }).emptyShown ?? false)).toBe(false);
  });

  it('saves the current filters as a view, puts them in the address, and a copied link reopens them', async () => {
    const page = await newPage();
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.getByRole('button', { name: 'Due soon' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?dueSoon=true&sort=next_due_asc');
    await page.getByRole('button', { name: 'All records' }).click();
    await page.locator('.filter select').first().selectOption('pending_analysis');
    await page.locator('#queue-search').fill('导出');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('导出');

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.locator('dialog[open] input[type=text]').fill('Pending exports');
    await page.locator('dialog[open] button[type=submit]').click();
    await expect.poll(() => page.locator('#saved-view option:checked').textContent()).toBe('Pending exports');
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).not.toBeNull();
    const link = page.url();
    expect(new URL(link).searchParams.get('status')).toBe('pending_analysis');

    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: await page.context().storageState() });
    const reopened = await other.newPage();
    await reopened.goto(link);
    await reopened.locator('#queue-title').waitFor();
    await expect.poll(() => reopened.locator('#queue-search').inputValue()).toBe('导出');
    await expect.poll(() => reopened.locator('.filter select').first().inputValue()).toBe('pending_analysis');
    await expect.poll(() => reopened.locator('#saved-view option:checked').textContent()).toBe('Pending exports');
    // The asked-by column shows each row's requesters.
    await expect.poll(() => reopened.locator('[role=columnheader][aria-colindex="11"]').textContent()).toBe('Asked');
    await other.close();
  });

  it('keeps the queue within 1280×800 in both languages, light and dark', async () => {
    for (const locale of ['en', 'zh-CN']) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await newPage(locale, scheme);
        await signIn(page, server.url, server.seeded.reviewer.email);
        await page.locator('[role=row][data-record-number]').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `queue-${locale}-${scheme}.png`) });
        await page.context().close();
      }
    }
  });
});
