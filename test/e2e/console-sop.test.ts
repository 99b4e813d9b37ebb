import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { consoleUser, ensureConsoleBuilt, seedRecords, signIn } from './support/console-page';
import { ensureWidgetBuilt } from './support/widget-build';
import { nextSubmitted } from './support/widget-page';
import type { RecordDetail } from '../../shared/schemas/record-page';

/*
 * Issue 11's acceptance: the whole SOP on one record, on a fixed clock. The server runs on the test
 * clock (ECHOBOX_TEST_CLOCK) from 2025-09-30 18:00 in Shanghai, the eve of National Day, and both
 * browsers are fixed to the same instant, so the deadlines on screen are the calendar's: the response
 * to an important record recorded that evening is due at the end of Saturday 2025-10-11 (a make-up
 * working day after the holiday). A customer writes in through the widget's demo page; a reviewer
 * takes it from the live queue to done through the console; weeks later the customer rates it 不满意
 * in the widget and the record is back in the reviewer's Dissatisfied view with its follow-up due.
 * ECHOBOX_SCREENSHOT_DIR keeps 1280×800 screenshots of the record page at the end.
 */

const SHOTS = process.env.ECHOBOX_SCREENSHOT_DIR;
/** The eve of National Day, 18:00 in Shanghai. */
const START = '2025-09-30T18:00:00+08:00';
/** Three weeks later, a Monday morning: the customer sees the outcome and rates it. */
const RATED = '2025-10-20T10:00:00+08:00';
const PROBLEM = '导出报表时只能导出当前页,希望点击导出后可以导出全部数据';

type Seeded = { reviewer: { email: string; name: string } };

describe('the SOP on one record, on a fixed clock', () => {
  let server: EchoboxServer & { seeded: Seeded };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A browser in Shanghai whose clock shows `at` (timers still run), at 1280×800. */
  async function fixedContext(at: string, options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      locale: options.locale ?? 'en',
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: 1280, height: 800 },
      timezoneId: 'Asia/Shanghai',
    });
    await context.clock.setFixedTime(new Date(at));
    contexts.push(context);
    return context;
  }
  /** Every open context's clock and the server's to `at`. */
  async function setClock(at: string) {
    await server.setClock(new Date(at).toISOString());
    for (const c of contexts) await c.clock.setFixedTime(new Date(at));
  }
  const failOnError = (page: Page) =>
    page.on('pageerror', (error) => {
      throw error;
    });
  /** The card of a record page section, by its heading's id. */
  const card = (page: Page, id: string) => page.locator(`#${id}-title`).locator('xpath=../..');
  const detail = (number: string) => server.staffJson<RecordDetail>(`/api/v1/records/${number}`);

  beforeAll(async () => {
    await Promise.all([ensureConsoleBuilt(), ensureWidgetBuilt()]);
    [server, browser] = await Promise.all([
      startEchobox({
        clock: START,
        seed: async (tools) => {
          await seedRecords(tools, 6);
          return { reviewer: await consoleUser(tools, 'reviewer', '李娜') };
        },
      }),
      launchChromium(),
    ]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
  });

  it('goes from the widget to done and back through 不满意, every step on screen and in the audit timeline', async () => {
    // The reviewer watches the queue, live.
    const reviewer = await (await fixedContext(START)).newPage();
    failOnError(reviewer);
    await signIn(reviewer, server.url, server.seeded.reviewer.email);
    await expect.poll(() => reviewer.locator('.live').textContent()).toBe('Live');
    const rows = reviewer.locator('[role=row][data-record-number]');
    await rows.first().waitFor();

    // A customer writes in on the demo page.
    const customer = await (await fixedContext(START, { locale: 'zh-CN' })).newPage();
    failOnError(customer);
    await customer.goto(`${server.url}/demo`);
    const submitted = await nextSubmitted(customer);
    await customer.getByRole('button', { name: '意见反馈' }).click();
    const dialog = customer.getByRole('dialog', { name: '意见反馈' });
    await dialog.getByRole('radio', { name: '功能需求' }).check();
    await dialog.getByLabel('发生场景').fill('报表页面,点击导出之后');
    await dialog.getByLabel('问题描述').fill(PROBLEM);
    await dialog.getByRole('button', { name: '提交' }).click();
    const recordNumber = (await submitted()).recordNumber ?? '';
    // Numbered on the server's (test clock's) day.
    expect(recordNumber).toBe('DEMO-20250930-001');

    // It appears in the reviewer's queue without a reload.
    await expect.poll(() => rows.first().getAttribute('data-record-number'), { timeout: 20_000 }).toBe(recordNumber);
    expect(await rows.first().locator('.cell-problem').textContent()).toContain(PROBLEM);
    // Only what customers sent in themselves.
    await reviewer.getByRole('combobox', { name: /^Source/ }).selectOption('customer_self');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-number')))).toEqual([recordNumber]);
    await rows.first().click();
    await reviewer.keyboard.press('Enter');
    await reviewer.locator('#screening-title').waitFor();
    expect(await reviewer.locator('#record-title').textContent()).toBe(recordNumber);

    // Screening: valid, feature optimisation, 重要. Recorded on the eve of the holiday, the response
    // is due 3 working days later: Oct 9, 10 and the make-up Saturday Oct 11, at its end.
    await reviewer.getByLabel('Nature').first().selectOption('feature_optimisation');
    await reviewer.getByLabel('Urgency').first().selectOption('important');
    await reviewer.getByRole('button', { name: 'Mark as valid' }).click();
    await reviewer.locator('.pill-validity-valid').first().waitFor();
    await expect.poll(() => card(reviewer, 'screening').locator('.due').textContent()).toMatch(/^Oct 11, 2025, 23:59Working days left: 3 \(\d+ h\)$/);

    // Assessment: four dimensions, the suggested priority accepted as it stands, handling and department.
    for (const [dimension, n] of [['customerValue', 4], ['businessValue', 4], ['cost', 2], ['risk', 2]] as const) {
      await reviewer.locator(`input[name=dim-${dimension}][value="${n}"]`).check({ force: true });
    }
    await expect.poll(() => reviewer.locator('.suggestion').textContent()).toContain('Score 24 of 30');
    expect(await reviewer.locator('.suggestion .pill-priority-P1').count()).toBe(1);
    expect(await reviewer.getByLabel('Final priority').locator('option:checked').textContent()).toBe('P1 · Suggested');
    await reviewer.getByLabel('Proposed handling').selectOption('develop');
    await reviewer.getByLabel('Responsible department').fill('RD');
    await reviewer.getByRole('button', { name: 'Save assessment' }).click();
    await expect.poll(async () => (await detail(recordNumber)).record.assessment).toMatchObject({ priority: 'P1', handling: 'develop', score: 24 });
    expect((await detail(recordNumber)).record.responsibleDepartment).toBe('RD');

    // Owner and task order.
    const facts = card(reviewer, 'execution').locator('dl.facts').first();
    await reviewer.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => facts.textContent()).toContain('李娜');
    await reviewer.getByLabel('Goal').fill('导出全部数据');
    await reviewer.getByLabel('Delivery standard').fill('点击导出后下载包含全部数据的 Excel 文件');
    await reviewer.getByLabel('Deadline').first().fill('2025-10-31');
    await reviewer.getByRole('button', { name: 'Save task order' }).click();
    await expect.poll(async () => (await detail(recordNumber)).record.taskOrder?.deadline).toBe('2025-10-31');

    // Execution: the four milestones, each with the week's progress note.
    await reviewer.getByRole('button', { name: 'Start handling' }).click();
    await reviewer.getByLabel('Progress this week').waitFor();
    const milestones = ['requirement_review', 'development_testing', 'internal_acceptance', 'customer_acceptance'];
    for (const [i, milestone] of milestones.entries()) {
      await reviewer.getByLabel('Milestone', { exact: true }).selectOption(milestone);
      await reviewer.getByLabel('Progress this week').fill(`本周进展:${milestone}`);
      await reviewer.getByRole('button', { name: 'Log progress' }).click();
      await expect.poll(() => reviewer.locator('.milestones li.is-done').count()).toBe(i + 1);
    }
    expect(await reviewer.locator('.milestones li.is-done').allTextContents()).toEqual([
      expect.stringContaining('Requirement review'),
      expect.stringContaining('Development'),
      expect.stringContaining('Internal acceptance'),
      expect.stringContaining('Customer acceptance'),
    ]);

    // A change request taking effect on Oct 9, the first working day after the holiday, is refused and says by when it was due.
    const obligations = card(reviewer, 'obligations');
    const taskDue = obligations.locator('li.obligation').filter({ hasText: 'Task completion' });
    await expect.poll(() => taskDue.textContent()).toContain('Oct 31, 2025');
    await reviewer.getByText('File a change request').click();
    await reviewer.getByLabel('Reason', { exact: true }).fill('测试资源不足');
    await reviewer.getByLabel('Adjusted plan').fill('交付顺延两周');
    await reviewer.getByLabel('Takes effect on').fill('2025-10-09');
    await reviewer.getByLabel('New deadline (optional)').fill('2025-11-14');
    await reviewer.getByRole('button', { name: 'File request' }).click();
    const refusal = reviewer.getByRole('alert').filter({ hasText: 'This one was due by' });
    await refusal.waitFor();
    // The 2 working days up to Oct 9 are Sep 30 and Oct 9 (the holiday does not count): due by the end of Sep 29.
    expect(await refusal.textContent()).toBe('Refused: a change request must be filed at least 2 working days ahead. This one was due by Sep 29, 2025, 23:59.');
    expect((await detail(recordNumber)).record.changeRequests).toEqual([]);
    // Taking effect on Oct 14 it is in time, and it waits for approval.
    await reviewer.getByLabel('Takes effect on').fill('2025-10-14');
    await reviewer.getByRole('button', { name: 'File request' }).click();
    await reviewer.getByRole('button', { name: 'Approve' }).waitFor();
    expect((await detail(recordNumber)).record.taskOrder?.deadline).toBe('2025-10-31');
    await reviewer.getByRole('button', { name: 'Approve' }).click();
    // The deadline changes on screen: the task order's date and the task completion obligation.
    await expect.poll(() => reviewer.getByLabel('Deadline').first().inputValue()).toBe('2025-11-14');
    await expect.poll(() => taskDue.textContent()).toContain('Nov 14, 2025');

    // The adopted notice from its template, in the customer's language, then done.
    await reviewer.getByLabel('Message', { exact: true }).selectOption('adopted');
    await reviewer.getByLabel('Version').fill('2.4');
    expect(await reviewer.getByLabel('Text to the customer').inputValue()).toBe('您的建议已被收录,预计 2.4 版本上线');
    await reviewer.getByRole('button', { name: 'Send to customer' }).click();
    await reviewer.locator('.meets').filter({ hasText: 'Adoption notice' }).waitFor();
    await reviewer.getByLabel('Result', { exact: true }).fill('2.4 版本已支持导出全部数据');
    await reviewer.getByRole('button', { name: 'Complete' }).click();
    await reviewer.locator('.record-title .pill-status-done').waitFor();

    // Three weeks later the customer comes back to the demo page, sees the outcome and rates it 不满意.
    await setClock(RATED);
    await customer.reload();
    const update = customer.getByRole('article', { name: `反馈 ${recordNumber}` });
    await expect.poll(() => update.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await update.textContent()).toContain('您的建议已被收录,预计 2.4 版本上线');
    await update.getByRole('radio', { name: '不满意' }).check();
    await update.getByLabel('还有什么想补充的吗?(选填)').fill('只导出了前一万行');
    await update.getByRole('button', { name: '提交评价' }).click();
    await update.getByText('我们将在 3 个工作日内再次与您联系').waitFor();

    // Back in the reviewer's Dissatisfied view, with the follow-up due 3 working days after the
    // rating: Tuesday to Thursday, so at the end of Oct 23.
    // Sessions last 7 days: three weeks on, the reviewer signs in again.
    await signIn(reviewer, server.url, server.seeded.reviewer.email);
    await reviewer.getByRole('button', { name: /^Dissatisfied/ }).click();
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-number')))).toEqual([recordNumber]);
    await rows.first().click();
    await reviewer.keyboard.press('Enter');
    await reviewer.locator('#obligations-title').waitFor();
    expect(await reviewer.locator('.record-title .pill-status-in_progress').count()).toBe(1);
    const followUp = obligations.locator('li.obligation').filter({ hasText: 'Dissatisfied follow-up' });
    await expect.poll(() => followUp.textContent()).toContain('Due Oct 23, 2025, 23:59');
    expect(await card(reviewer, 'communications').locator('.pill-rating-dissatisfied').count()).toBe(1);
    // The reopened cycle owes its first weekly update a week after the rating, not since the last cycle's.
    const weekly = obligations.locator('li.obligation.is-open').filter({ hasText: 'Weekly progress' });
    expect(await weekly.textContent()).toContain('Due Oct 27, 2025, 23:59');

    // Every step is in the audit timeline, in the reader's language.
    const timeline = card(reviewer, 'audit');
    const steps = await timeline.locator('.timeline-action').allTextContents();
    for (const step of ['Recorded', 'Mark as valid', 'Edited', 'Start handling', 'Progress logged', 'Change request filed', 'Change request approved', 'Message to the customer', 'Complete', 'Customer rated']) {
      expect(steps, step).toContain(step);
    }
    expect(steps.filter((s) => s === 'Progress logged')).toHaveLength(4);
    const text = await timeline.textContent();
    expect(text).toContain('Pending analysis → In progress');
    expect(text).toContain('P1 · Develop');

    if (SHOTS) {
      for (const locale of ['zh-CN', 'en']) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await fixedContext(RATED, { locale, colorScheme });
          await context.addCookies(await reviewer.context().cookies());
          const page = await context.newPage();
          await page.goto(`${server.url}/records/${recordNumber}`);
          await page.locator('#audit-title').waitFor();
          await page.screenshot({ path: `${SHOTS}/sop-record-${locale}-${colorScheme}.png` });
        }
      }
    }
  }, 300_000);
});
