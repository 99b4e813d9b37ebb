import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser, seedRecords } from './support/console-page';
import { startConsole, type ConsolePageOptions, type ConsoleSuite } from './support/console-suite';
import { eventually, nextSubmitted } from './support/widget-page';

/*
 * Campaigns and surveys against the real server in Chromium (issue 13): a reviewer creates a
 * campaign and an NPS survey targeted at the demo page in the console, previews it with the
 * widget's own card, starts it; the widget on the demo page shows it, two visitors answer, the
 * answers appear in the console's results; a record sent there carries the campaign (record page,
 * queue filter). axe-core in both languages and themes. ECHOBOX_SCREENSHOT_DIR keeps 1280×800 shots.
 */

const SHOTS = process.env.ECHOBOX_SCREENSHOT_DIR;

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `campaigns-${name}.png`) });
};

describe('console campaigns and surveys', () => {
  type Seeded = { reviewer: { email: string } };
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };
  let campaignId = '';
  let surveyId = '';

  const reviewerPage = (options: ConsolePageOptions = {}) => suite.signedInPage(server.seeded.reviewer.email, options);

  beforeAll(async () => {
    suite = await startConsole({ widget: true, seed: async (tools) => ({ reviewer: await consoleUser(tools, 'reviewer', 'Li Na'), others: await seedRecords(tools, 3) }) });
    server = suite.server;
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('creates a campaign and an NPS survey for the demo page, previews it with the widget, and starts it', async () => {
    const page = await reviewerPage();
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.locator('#campaigns-title').waitFor();
    await page.getByRole('button', { name: 'New campaign' }).click();
    // Nothing filled: each field says what is missing, nothing is sent.
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect.poll(() => page.getByText('Give a period label or both dates.').isVisible()).toBe(true);
    await page.getByLabel('Goal').fill('Improve the export flow');
    await page.getByLabel('Target customers').fill('Customers who exported a report in the last 3 months');
    await page.getByRole('checkbox', { name: 'Product defect' }).check();
    await page.getByLabel('Period label').fill('2026 Q4');
    await shot(page, 'new-campaign');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.locator('#campaign-title').waitFor();
    campaignId = /\/campaigns\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(campaignId).not.toBe('');
    const { campaign } = await server.staffJson<{ campaign: Record<string, unknown> }>(`/api/v1/campaigns/${campaignId}`);
    expect(campaign).toMatchObject({ goal: 'Improve the export flow', categories: ['feature_request', 'product_defect'], period: { label: '2026 Q4' }, active: true });

    await page.getByRole('link', { name: 'New survey' }).click();
    await page.locator('#builder-title').waitFor();
    await page.getByLabel('Title (English)').fill('Exports survey');
    await page.getByLabel('Title (Chinese)').fill('导出体验调查');
    await page.getByLabel('Question (English)').fill('How likely are you to recommend Echobox to a colleague?');
    await page.getByLabel('Question (Chinese)').fill('您向同事推荐我们的可能性有多大?');
    await page.getByLabel('Pages (one URL pattern a line)').fill('/demo');
    // The preview is the widget's own card, in the sandboxed frame, following the draft.
    const preview = page.frameLocator('iframe.preview-frame');
    await expect.poll(() => preview.getByRole('region', { name: 'Exports survey' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('group', { name: 'Preview language' }).getByRole('button', { name: '中文' }).click();
    await expect.poll(() => preview.getByRole('region', { name: '导出体验调查' }).isVisible()).toBe(true);
    await expect.poll(() => preview.getByRole('radio', { name: '10' }).count()).toBe(1);
    await shot(page, 'builder');
    await page.getByRole('button', { name: 'Save survey' }).click();
    await page.locator('#campaign-title').waitFor();
    const { items } = await server.staffJson<{ items: Array<{ id: string; active: boolean; targeting: { urlPatterns: string[] } }> }>(`/api/v1/surveys?campaignId=${campaignId}`);
    expect(items).toHaveLength(1);
    // Nothing was answered through the preview.
    surveyId = items[0]!.id;
    expect(items[0]).toMatchObject({ active: false, targeting: { urlPatterns: ['/demo'] } });
    await page.getByRole('button', { name: 'Start: Exports survey' }).click();
    await expect.poll(async () => (await server.staffJson<{ survey: { active: boolean } }>(`/api/v1/surveys/${surveyId}`)).survey.active).toBe(true);
    await shot(page, 'campaign');
  });

  it('shows the survey on the demo page; two answers appear in the results; a record sent there carries the campaign', async () => {
    for (const score of ['9', '6']) {
      // A visitor of the demo page, not a console page: closed with the browser.
      const context = await suite.browser.newContext({ locale: 'en' });
      const visitor = await context.newPage();
      await visitor.goto(`${server.url}/demo?lang=en`);
      const card = visitor.getByRole('region', { name: 'Exports survey' });
      await expect.poll(() => card.isVisible(), { timeout: 30_000 }).toBe(true);
      await card.getByRole('radio', { name: score, exact: true }).check();
      await card.getByRole('button', { name: 'Send answers' }).click();
      await expect.poll(() => card.getByRole('status').isVisible()).toBe(true);
      if (score === '6') {
        const submitted = await nextSubmitted(visitor);
        await visitor.getByRole('button', { name: 'Feedback' }).click();
        const dialog = visitor.getByRole('dialog');
        await dialog.getByRole('radio', { name: 'Product defect' }).check();
        await dialog.getByLabel('What went wrong?').fill('The export button does nothing on the monthly report, even after waiting a minute');
        await dialog.getByRole('button', { name: 'Submit' }).click();
        const detail = await submitted();
        const { record } = await server.staffJson<{ record: { campaignId?: string; recordNumber: string } }>(`/api/v1/records/${detail.id}`);
        expect(record.campaignId).toBe(campaignId);

        const page = await reviewerPage();
        await page.goto(`${server.url}/records/${record.recordNumber}`);
        await expect.poll(() => page.getByRole('link', { name: 'Improve the export flow' }).isVisible(), { timeout: 15_000 }).toBe(true);
        await page.goto(`${server.url}/`);
        await page.locator('#queue-title').waitFor();
        // Three seeded records without a campaign, one with: the filter keeps exactly that one.
        await expect.poll(() => page.locator('.grid-row:not(.grid-header-row)').count()).toBe(4);
        await page.getByLabel('Campaign').selectOption(campaignId);
        await expect.poll(() => page.locator('.grid-row:not(.grid-header-row)').count()).toBe(1);
        expect(await page.locator('.grid-row:not(.grid-header-row)').textContent()).toContain(record.recordNumber);
      }
    }
    await eventually(async () => {
      const { results } = await server.staffJson<{ results: { responseCount: number } }>(`/api/v1/surveys/${surveyId}/results`);
      return results.responseCount === 2 ? results : undefined;
    }, 60_000);
    const page = await reviewerPage();
    await page.goto(`${server.url}/surveys/${surveyId}/results`);
    await page.locator('#results-title').waitFor();
    // 1 promoter (9) and 1 detractor (6) of 2: NPS 0.
    await expect.poll(() => page.locator('.stat').first().textContent()).toContain('2');
    await expect.poll(() => page.locator('.stat').nth(2).textContent()).toContain('1 promoters · 0 passives · 1 detractors');
    const table = page.getByRole('table', { name: /Data of How likely/ });
    await expect.poll(() => table.getByRole('row', { name: '9 1' }).count()).toBe(1);
    await expect.poll(() => table.getByRole('row', { name: '6 1' }).count()).toBe(1);
    await shot(page, 'results');
  });

  it('is axe-clean on the campaigns page, the survey builder and the results in both languages and themes', async () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await reviewerPage({ locale, colorScheme });
        await page.evaluate((l) => localStorage.setItem('echobox.console.locale', l), locale);
        for (const [path, ready] of [
          ['/campaigns', '#campaigns-title'],
          [`/campaigns/${campaignId}`, '#campaign-title'],
          [`/campaigns/${campaignId}/surveys/new`, '#builder-title'],
          [`/surveys/${surveyId}/results`, '#results-title'],
        ] as const) {
          await page.goto(`${server.url}${path}`);
          await page.locator(ready).waitFor();
          expect(await axe(page), `${path} ${locale} ${colorScheme}`).toEqual([]);
          if (colorScheme === 'dark' && locale === 'zh-CN') await shot(page, `${path.split('/')[1]}-${locale}-dark`);
        }
      }
    }
  });
});
