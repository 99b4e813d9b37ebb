import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleBuild } from '../../console/build';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser, ensureConsoleBuilt, seedRecords, signIn } from './support/console-page';
import { startConsole, type ConsoleSuite } from './support/console-suite';

/*
 * The console's split build in Chromium against the real server: the sign-in page and the queue
 * fetch none of the other pages' chunks and one language's messages; a page whose chunk cannot be
 * fetched says so and loads on "Try again"; switching language fetches the other messages and
 * re-renders, is remembered across a reload, and a switch that cannot fetch them keeps the page
 * readable and says why.
 */

type Seeded = { reviewer: { email: string } };

/** The file names of /assets/ requests the page makes from now on. */
function assetRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/assets/')) seen.push(path.slice('/assets/'.length));
  });
  return seen;
}

describe('console split build', () => {
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };
  let built: ConsoleBuild;

  const newPage = (locale = 'zh-CN') => suite.newPage({ locale });

  beforeAll(async () => {
    suite = await startConsole({
      seed: async (tools): Promise<Seeded> => {
        await seedRecords(tools, 3);
        return { reviewer: await consoleUser(tools, 'reviewer', '李娜') };
      },
    });
    server = suite.server;
    built = await ensureConsoleBuilt();
  }, 300_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('shows the sign-in page and the queue without fetching other pages or the other language', async () => {
    const page = await newPage('zh-CN');
    const fetched = assetRequests(page);
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.locator('[role=row][data-record-number]').first().waitFor();
    expect(fetched).toContain(built.js.file);
    expect(fetched).toContain(built.messages['zh-CN'].file);
    expect(fetched).not.toContain(built.messages.en.file);
    const lazy = built.lazy.map((c) => c.file);
    expect(lazy.length).toBeGreaterThan(0);
    expect(fetched.filter((file) => lazy.includes(file))).toEqual([]);

    // The dashboard's chunk arrives with its page, and the page works.
    await page.locator('nav a[href="/dashboard"]').click();
    await page.locator('#dashboard-title').waitFor();
    const dashboard = built.lazy.find((c) => c.name.endsWith('console/ui/dashboard-page.tsx'))!;
    expect(fetched).toContain(dashboard.file);
  });

  it('says so when a page cannot be fetched, and shows it on "Try again"', async () => {
    const page = await newPage('en');
    await signIn(page, server.url, server.seeded.reviewer.email);
    const dashboard = built.lazy.find((c) => c.name.endsWith('console/ui/dashboard-page.tsx'))!;
    // As if the connection dropped: the chunk's request fails.
    const offline = (route: { abort(): Promise<void> }) => route.abort();
    await page.route(`**/assets/${dashboard.file}`, offline);
    await page.locator('nav a[href="/dashboard"]').click();
    const alert = page.locator('[data-testid=page-load-failed] [role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('This page could not be loaded. Check the connection and try again.');
    // The top bar stays usable: the person is not stranded on a blank screen.
    expect(await page.locator('nav a[href="/"]').isVisible()).toBe(true);

    await page.unroute(`**/assets/${dashboard.file}`, offline);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('#dashboard-title').waitFor();
    expect(await page.locator('[data-testid=page-load-failed]').count()).toBe(0);
  });

  it('fetches the other language on a switch, re-renders in it and remembers it', async () => {
    const page = await newPage('zh-CN');
    const fetched = assetRequests(page);
    await signIn(page, server.url, server.seeded.reviewer.email);
    expect(await page.locator('#queue-title').innerText()).toBe('需求队列');
    expect(fetched).not.toContain(built.messages.en.file);

    await page.locator('.preference-controls button[lang=en]').click();
    await page.waitForFunction(() => document.querySelector('#queue-title')?.textContent === 'Queue');
    expect(fetched).toContain(built.messages.en.file);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('.preference-controls button[lang=en]').getAttribute('aria-pressed')).toBe('true');
    // The rows re-render too, not only the headings: feedback types in English.
    const types = await page.locator('[role=row][data-record-number] [aria-colindex="5"]').allInnerTexts();
    expect(types.length).toBe(3);
    for (const type of types) expect(['Product defect', 'Feature request']).toContain(type);

    fetched.length = 0;
    await page.reload();
    await page.locator('#queue-title').waitFor();
    expect(await page.locator('#queue-title').innerText()).toBe('Queue');
    expect(fetched).toContain(built.messages.en.file);
    expect(fetched).not.toContain(built.messages['zh-CN'].file);
  });

  it('keeps the page in its language and says why when the other one cannot be fetched', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.route(`**/assets/${built.messages.en.file}`, (route) => route.abort());
    await page.locator('.preference-controls button[lang=en]').click();
    const alert = page.locator('.language-failed[role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('无法加载English。请检查网络连接后重试。');
    expect(await page.locator('#queue-title').innerText()).toBe('需求队列');
    expect(await page.locator('.preference-controls button[lang=zh-CN]').getAttribute('aria-pressed')).toBe('true');
  });
});
