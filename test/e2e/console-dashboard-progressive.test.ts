import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { consoleUser, ensureConsoleBuilt, seedRecords, signIn } from './support/console-page';

/*
 * Each dashboard panel shows as soon as its own answer arrives: with the compliance panel's answer
 * held back in the browser, the records panel and its figures are on screen while the compliance
 * card says it is loading, and the compliance figures follow once its answer is let through.
 */
describe('console dashboard, panel by panel', () => {
  let server: EchoboxServer & { seeded: { reviewer: { email: string } } };
  let browser: Browser;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([
      startEchobox({
        seed: async (tools) => {
          await seedRecords(tools, 6);
          return { reviewer: await consoleUser(tools, 'reviewer', '李娜') };
        },
      }),
      launchChromium(),
    ]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the records panel while the compliance panel is still on its way', async () => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const held: Route[] = [];
      await page.route('**/api/v1/dashboard/compliance?*', (route) => void held.push(route));
      await signIn(page, server.url, server.seeded.reviewer.email);
      await page.locator('nav a[href="/dashboard"]').click();
      await page.locator('#dashboard-title').waitFor();
      await page.locator('input[name=from]').fill('2025-09-01');
      await page.locator('input[name=to]').fill('2025-10-31');
      await page.locator('.dash-filters button[type=submit]').click();

      const recordsKpi = page.locator('.kpi', { hasText: 'Records created' }).locator('.kpi-value');
      await page.waitForFunction(() => document.querySelector('.kpi .kpi-value a')?.textContent === '6');
      expect(await recordsKpi.innerText()).toBe('6');
      expect(await page.locator('section[aria-labelledby=dash-records] table').count()).toBe(5);
      const compliance = page.locator('section[aria-labelledby=dash-compliance]');
      expect(await compliance.getAttribute('aria-busy')).toBe('true');
      expect(await compliance.innerText()).toContain('Loading…');
      expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');

      for (const route of held) await route.continue();
      await page.unroute('**/api/v1/dashboard/compliance?*');
      await page.locator('main[aria-busy=false] section[aria-labelledby=dash-compliance][aria-busy=false] table').first().waitFor();
      expect(await compliance.innerText()).not.toContain('Loading…');
    } finally {
      await context.close();
    }
  });
});
