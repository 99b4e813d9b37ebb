import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { consoleUser } from './support/console-page';
import { startConsole, type ConsoleSuite } from './support/console-suite';
import type { Record as EchoRecord, RecordInput } from '../../shared/schemas/record';
import type { RecordDetail } from '../../shared/schemas/record-page';

/*
 * A reviewer in Berlin working for a Shanghai company (the server's default zone): the console shows
 * times in the company's zone, names that zone beside the deadlines, and a date picked in a form
 * means that day in the company's zone. DOMAIN.md §11's worked example: a record marked 重要 at
 * 2025-09-30 18:00 Asia/Shanghai is due at the end of 2025-10-11 (16:00 UTC, 17:59 in Berlin).
 */

/** 2025-09-30 18:00 in Shanghai. */
const RECORDED = '2025-09-30T10:00:00.000Z';

describe('console times in the company zone, seen from another zone', () => {
  let suite: ConsoleSuite<{ reviewer: { id: string; email: string } }>;
  let record: EchoRecord;

  const send = async (path: string, method: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await suite.server.staff(path, { method, body: JSON.stringify(body), headers });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return ((await res.json()) as { record: EchoRecord }).record;
  };
  const detail = () => suite.server.staffJson<RecordDetail>(`/api/v1/records/${record.id}`);
  const berlinPage = (locale = 'en') => suite.signedInPage(suite.server.seeded.reviewer.email, { locale, timezoneId: 'Europe/Berlin' });
  const openRecord = async (page: Page) => {
    await page.goto(`${suite.server.url}/records/${record.recordNumber}`);
    await page.locator('#screening-title').waitFor();
  };
  const card = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=../..');

  beforeAll(async () => {
    suite = await startConsole({ clock: RECORDED, seed: async (tools) => ({ reviewer: await consoleUser(tools, 'reviewer', '张经理') }) });
    const input: RecordInput = {
      id: uuidv7(),
      department: 'CS',
      source: 'customer_service',
      channel: 'ticket',
      customerType: 'high_value',
      customerName: '华东贸易有限公司',
      contactConsent: false,
      category: 'product_defect',
      problem: '导出报表时点击导出按钮没有反应',
      attachments: [],
      initiator: { name: '李客服' },
      recordedAt: RECORDED,
      origin: { kind: 'manual' },
    };
    const created = await send('/api/v1/records', 'POST', input);
    const valid = await send(`/api/v1/records/${created.id}/transitions`, 'POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const planned = await send(
      `/api/v1/records/${valid.id}`,
      'PATCH',
      { responsibleDepartment: 'RD', taskOrder: { goal: '导出改为后台任务', deliveryStandard: '客户验收通过', deadline: '2025-12-31', ownerId: suite.server.seeded.reviewer.id } },
      { 'if-match': `"${valid.version}"` },
    );
    record = await send(`/api/v1/records/${planned.id}/transitions`, 'POST', { type: 'start', ownerId: suite.server.seeded.reviewer.id });
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("shows the response due as the company's end of day, with the company's zone named", async () => {
    expect((await detail()).record.dueAt).toBe('2025-10-11T15:59:59.999Z');
    const page = await berlinPage();
    // The browser really is in Berlin: its own reading of the due instant is 17:59.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Berlin');
    await openRecord(page);
    const due = card(page, 'screening').locator('.due');
    await expect.poll(() => due.textContent()).toContain('Oct 11, 2025, 23:59');
    expect(await card(page, 'screening').locator('.zone-note').textContent()).toBe('Company time: China Standard Time (Asia/Shanghai)');
    const response = card(page, 'obligations').locator('li', { hasText: 'Oct 11, 2025, 23:59' });
    await expect.poll(() => response.count()).toBeGreaterThan(0);
    expect(await card(page, 'obligations').locator('.card-head').textContent()).toContain('Asia/Shanghai');

    const zh = await berlinPage('zh-CN');
    await openRecord(zh);
    await expect.poll(() => card(zh, 'screening').locator('.due').textContent()).toContain('2025年10月11日 23:59');
  });

  it("names the dashboard's weeks and months as the company's, and the surveys' previous period by its days", async () => {
    const page = await berlinPage();
    await page.goto(`${suite.server.url}/dashboard`);
    await page.locator('main[aria-busy=false] .kpi').first().waitFor();
    await page.locator('input[name=from]').fill('2025-10-01');
    await page.locator('input[name=to]').fill('2025-10-31');
    await page.locator('.dash-filters button[type=submit]').click();
    const rows = (caption: string) => page.locator('section[aria-labelledby=dash-compliance] table', { has: page.locator('caption', { hasText: caption }) }).locator('tbody th');
    // The response falls due at the end of Saturday 11 October in Shanghai: the week from Monday the
    // 6th, which begins at 18:00 on Sunday the 5th in Berlin.
    await expect.poll(() => rows('By week').allTextContents()).toContain('Oct 6');
    expect(await rows('By week').allTextContents()).not.toContain('Oct 5');
    // The range is Shanghai's October, which begins at 18:00 on 30 September in Berlin.
    expect(await rows('By month').allTextContents()).toEqual(['Oct 2025']);
    // The 31 days before Shanghai's 1 October, from 31 August to 30 September.
    const surveys = page.locator('section[aria-labelledby=dash-surveys]');
    await expect.poll(() => surveys.locator('.dash-card-head').textContent()).toContain('Aug 31, 2025 – Sep 30, 2025');
  });

  it("files a change request entered by date as that company day's end", async () => {
    const page = await berlinPage();
    await openRecord(page);
    const execution = card(page, 'execution');
    await execution.getByText('File a change request').click();
    await page.locator('#cr-reason').fill('客户要求先上线导出到邮箱');
    await page.locator('#cr-plan').fill('先做邮箱导出,再做后台任务');
    await page.locator('#cr-effective').fill('2025-10-31');
    await execution.getByRole('button', { name: 'File request' }).click();
    await expect.poll(async () => (await detail()).record.changeRequests.length).toBe(1);
    // The end of 2025-10-31 in Shanghai; the browser's own zone would have made it 22:59:59.999Z.
    expect((await detail()).record.changeRequests[0]!.effectiveAt).toBe('2025-10-31T15:59:59.999Z');
    await expect.poll(() => execution.locator('.log').last().textContent()).toContain('Oct 31, 2025');
  });
});
