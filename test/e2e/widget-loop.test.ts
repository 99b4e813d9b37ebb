import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { startHostSite, type HostSite } from './support/host-site';
import { ensureWidgetBuilt } from './support/widget-build';
import { embedPage, eventually, nextSubmitted } from './support/widget-page';

/*
 * Closing the loop (DOMAIN.md §8) and surveys, end to end: the product team handles the record
 * through the staff API; the reporter's next page view shows what happened and asks for a rating,
 * which is stored on the record. An active survey is shown to a sampled visitor and answered.
 */

describe('widget closing the loop and surveys', () => {
  let server: EchoboxServer & { seeded: { key: string; reviewer: { id: string; token: string } } };
  let host: HostSite;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    host = await startHostSite();
    [server, browser] = await Promise.all([
      startEchobox({
        seed: async (t) => ({ ...(await t.siteKey({ origins: [host.origin], department: 'WEB' })), reviewer: await t.staffUser('reviewer', 'PM') }),
      }),
      launchChromium(),
    ]);
    const widgetSrc = `${server.url}/widget/widget.js`;
    host.setPage('/reports.html', { body: embedPage({ widgetSrc, siteKey: server.seeded.key, apiUrl: server.url, title: '报表' }) });
    host.setPage('/checkout/pay.html', { body: embedPage({ widgetSrc, siteKey: server.seeded.key, apiUrl: server.url, title: '结算' }) });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.close();
  });

  /** A request as the reviewer. */
  const asReviewer = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.seeded.reviewer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('shows the outcome on the next page view and stores the rating on the record', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/reports.html`);
    const submitted = await nextSubmitted(page);
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '功能需求' }).check();
    await dialog.getByLabel('问题描述').fill('报表页面导出时只能导出当前页,希望点击导出后可以导出全部数据');
    await dialog.getByRole('button', { name: '提交' }).click();
    const { id, recordNumber } = await submitted();

    for (const step of [
      ['transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }],
      ['transitions', { type: 'start', ownerId: server.seeded.reviewer.id }],
      ['communications', { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4' }],
      ['transitions', { type: 'complete', result: '2.4 版本已支持导出全部数据' }],
    ] as const) {
      const res = await asReviewer(`/api/v1/records/${id}/${step[0]}`, step[1]);
      expect(res.status, `${step[0]} ${JSON.stringify(step[1])}: ${await res.clone().text()}`).toBeLessThan(300);
    }

    await page.reload();
    const card = page.getByRole('region', { name: '您的反馈有新进展' });
    await expect.poll(() => card.isVisible(), { timeout: 30_000 }).toBe(true);
    const item = card.getByRole('article', { name: `反馈 ${recordNumber}` });
    expect(await item.textContent()).toContain('已完成');
    expect(await item.textContent()).toContain('您的建议已被收录,预计 2.4 版本上线');
    await item.getByRole('radio', { name: '基本满意' }).check();
    await item.getByLabel('还有什么想补充的吗?(选填)').fill('导出很快,但文件名不够清楚');
    await item.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => item.getByText('感谢您的评价。').isVisible()).toBe(true);

    const rated = await eventually(async () => {
      const { record } = await server.staffJson<{ record: { satisfaction: { rating: string; comment?: string }[]; customerConfirmation: string | null } }>(`/api/v1/records/${id}`);
      return record.satisfaction.length > 0 ? record : undefined;
    }, 60_000);
    expect(rated.satisfaction).toEqual([expect.objectContaining({ rating: 'basically_satisfied', comment: '导出很快,但文件名不够清楚' })]);

    // Seen and rated: the next page view has nothing new to say.
    await page.reload();
    await page.waitForTimeout(1500);
    expect(await item.getByRole('radio', { name: '基本满意' }).count()).toBe(0);
    await context.close();
  });

  it('shows an active survey on matching pages and posts the answers', async () => {
    const campaign = await server.staff('/api/v1/campaigns', {
      method: 'POST',
      body: JSON.stringify({ goal: '提升结算体验', targetCustomers: '最近 3 个月下过单的客户', categories: ['service_experience'], period: { label: '2026 Q4' }, active: true }),
    });
    expect(campaign.status, await campaign.clone().text()).toBe(201);
    const campaignId = ((await campaign.json()) as { campaign: { id: string } }).campaign.id;
    const created = await server.staff('/api/v1/surveys', {
      method: 'POST',
      body: JSON.stringify({
        campaignId,
        purpose: 'campaign',
        title: { 'zh-CN': '结算体验调查', en: 'Checkout survey' },
        questions: [
          { id: 'nps', kind: 'nps', prompt: { 'zh-CN': '您有多大可能向朋友推荐我们?', en: 'How likely are you to recommend us?' }, required: true },
          { id: 'why', kind: 'open_text', prompt: { 'zh-CN': '原因是什么?', en: 'Why?' } },
        ],
        targeting: { urlPatterns: ['/checkout/**'], samplingPercent: 100, frequencyCapDays: 30 },
        activeWindow: { from: new Date(Date.now() - 3_600_000).toISOString() },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const surveyId = ((await created.json()) as { survey: { id: string } }).survey.id;
    expect((await server.staff(`/api/v1/surveys/${surveyId}/activate`, { method: 'POST' })).status).toBe(200);

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/reports.html`);
    await page.waitForTimeout(1500);
    expect(await page.getByRole('region', { name: '结算体验调查' }).count()).toBe(0);

    await page.goto(`${host.origin}/checkout/pay.html`);
    const card = page.getByRole('region', { name: '结算体验调查' });
    await expect.poll(() => card.isVisible(), { timeout: 30_000 }).toBe(true);
    await card.getByRole('button', { name: '提交答案' }).click();
    await expect.poll(() => card.getByText('请回答此问题。').isVisible()).toBe(true);
    await card.getByRole('radio', { name: '9' }).check();
    await card.getByLabel('原因是什么?').fill('付款很顺利,联系我 13812345678');
    await card.getByRole('button', { name: '提交答案' }).click();
    await expect.poll(() => card.getByText('感谢您的参与!').isVisible()).toBe(true);

    const results = await eventually(async () => {
      const { results } = await server.staffJson<{ results: { responseCount: number } }>(`/api/v1/surveys/${surveyId}/results`);
      return results.responseCount === 1 ? results : undefined;
    }, 60_000);
    expect(results).toMatchObject({ responseCount: 1, nps: expect.objectContaining({ score: 100 }) });
    // The open-text answer was masked on the device.
    expect(JSON.stringify(results)).not.toContain('13812345678');
    expect(JSON.stringify(results)).toContain('138****5678');

    // Answered on this device: not shown again.
    await page.reload();
    await page.waitForTimeout(1500);
    expect(await card.count()).toBe(0);
    await context.close();
  });
});
