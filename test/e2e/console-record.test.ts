import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser, seedRecords } from './support/console-page';
import { startConsole, type ConsolePageOptions, type ConsoleSuite } from './support/console-suite';
import type { RecordInput } from '../../shared/schemas/record';
import type { RecordDetail } from '../../shared/schemas/record-page';

/*
 * The record page against the real server in Chromium: the process on one record (screening,
 * assessment, task order, milestones, change requests, the adopted notice, completion, the audit
 * trail), duplicates merged and undone, a stale save in a second tab, and axe-core in both
 * languages and themes. ECHOBOX_SCREENSHOT_DIR keeps 1280×800 screenshots for a look.
 */

const SHOTS = process.env.ECHOBOX_SCREENSHOT_DIR;

type Seeded = { reviewer: { email: string }; agent: { email: string }; records: RecordInput[] };

/** Markup, event handlers, SVG and a right-to-left override, which must all stay text. */
const HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><svg onload="window.__xss=3"></svg> \u202Eevil';

/** Three customers asking for the same thing in other words, and one unrelated record. */
const DUPLICATES = ['导出报表时点击导出按钮没有反应', '点击导出报表按钮没有任何反应', '报表导出按钮点击后没有反应,客户多次提及'];

describe('console record page', () => {
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };

  /** A page signed in as the reviewer (Chinese unless told), or another tab of `context`'s session. */
  async function reviewerPage(options: ConsolePageOptions & { context?: BrowserContext } = {}): Promise<Page> {
    const { context, ...pageOptions } = options;
    if (!context) return suite.signedInPage(server.seeded.reviewer.email, { locale: 'zh-CN', ...pageOptions });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.url}/`);
    await page.locator('#queue-title').waitFor();
    return page;
  }

  const openRecord = async (page: Page, number: string) => {
    await page.goto(`${server.url}/records/${number}`);
    await page.locator('#screening-title').waitFor();
  };
  const numberOf = (i: number) => `CS-20250929-${String(i + 1).padStart(3, '0')}`;
  const detail = (idOrNumber: string) => server.staffJson<RecordDetail>(`/api/v1/records/${idOrNumber}`);

  beforeAll(async () => {
    suite = await startConsole({
      seed: async (tools) => ({
        reviewer: await consoleUser(tools, 'reviewer', '李娜'),
        agent: await consoleUser(tools, 'agent', 'Chen Jie'),
        records: await seedRecords(tools, 12, [
          ...DUPLICATES.map((problem, i) => ({ problem, scenario: '报表模块', customerName: ['华东贸易', '星河电商', '*女士'][i]!, expectedSolution: undefined })),
          { problem: 'Customer asks for SSO with WeCom for all staff', scenario: 'Admin settings', expectedSolution: 'One click sign-in', customerName: 'Acme' },
          { problem: 'Two tabs edit this record', scenario: 'Settings', expectedSolution: 'Both saved', customerName: 'Tabs Ltd' },
        ]),
      }),
    });
    server = suite.server;
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('takes one record through screening, assessment, execution, a change request and the adopted notice, all in the audit trail', async () => {
    const page = await reviewerPage({ locale: 'en' });
    const number = numberOf(15); // the SSO record
    await openRecord(page, number);
    await page.getByLabel('Nature').first().selectOption('feature_optimisation');
    await page.getByLabel('Urgency').first().selectOption('important');
    await page.getByRole('button', { name: 'Mark as valid' }).click();
    await page.locator('.pill-validity-valid').first().waitFor();
    // Recorded 2025-09-29: important counts Sep 30, Oct 9 and Oct 10 (National Day in between); met by the screening itself.
    await expect.poll(() => page.locator('#screening-title').locator('xpath=../..').locator('.due').textContent()).toMatch(/^Oct 10, 2025.*Met$/);

    // Four dimensions → the suggested priority with its reasoning; accepting it needs no reason.
    for (const [dimension, n] of [['customerValue', 4], ['businessValue', 4], ['cost', 2], ['risk', 2]] as const) {
      await page.locator(`input[name=dim-${dimension}][value="${n}"]`).check({ force: true });
    }
    await expect.poll(() => page.locator('.suggestion').textContent()).toContain('Score 24 of 30');
    expect(await page.locator('.suggestion .pill-priority-P1').count()).toBe(1);
    await page.getByLabel('Proposed handling').selectOption('develop');
    await page.getByLabel('Responsible department').fill('RD');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect.poll(async () => (await detail(number)).record.assessment).toMatchObject({ priority: 'P1', handling: 'develop', score: 24 });

    // Owner, task order, start, progress through the milestones.
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });
    await page.getByLabel('Goal').fill('WeCom SSO for staff');
    await page.getByLabel('Delivery standard').fill('Staff sign in with WeCom in one click');
    await page.getByLabel('Deadline').first().fill('2099-12-31');
    await page.getByRole('button', { name: 'Save task order' }).click();
    await expect.poll(async () => (await detail(number)).record.taskOrder?.deadline).toBe('2099-12-31');
    await page.getByRole('button', { name: 'Start handling' }).click();
    await page.getByLabel('Progress this week').waitFor();
    for (const milestone of ['requirement_review', 'development_testing', 'internal_acceptance', 'customer_acceptance']) {
      await page.getByLabel('Milestone', { exact: true }).selectOption(milestone);
      await page.getByLabel('Progress this week').fill(`Reached ${milestone}`);
      await page.getByRole('button', { name: 'Log progress' }).click();
      await expect.poll(() => page.locator('.milestones li.is-done').count()).toBe(['requirement_review', 'development_testing', 'internal_acceptance', 'customer_acceptance'].indexOf(milestone) + 1);
    }

    // A change effective today is refused (not 2 working days ahead) and says by when; a later one is filed and approved.
    await page.getByText('File a change request').click();
    await page.getByLabel('Reason', { exact: true }).fill('Test resources short');
    await page.getByLabel('Adjusted plan').fill('Move the deadline by a week');
    await page.getByLabel('Takes effect on').fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel('New deadline (optional)').fill('2100-01-07');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByRole('alert').filter({ hasText: 'This one was due by' }).waitFor();
    await page.getByLabel('Takes effect on').fill('2099-12-31');
    // The change also hands the work to another owner, applied only on approval.
    await page.getByLabel('New owner (optional)').selectOption({ label: 'Chen Jie' });
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByText('new owner Chen Jie').waitFor();
    const ownerShown = page.locator('#execution-title').locator('xpath=../..').locator('dl.facts').first();
    expect(await ownerShown.textContent()).toContain('李娜');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await detail(number)).record.taskOrder?.deadline).toBe('2100-01-07');
    await expect.poll(() => ownerShown.textContent()).toContain('Chen Jie');
    expect((await detail(number)).record.owner?.name).toBe('Chen Jie');
    // Time left is counted in working days on the company calendar, with the clock hours beside it.
    expect(await page.locator('#obligations-title').locator('xpath=../..').locator('.time-left').first().textContent()).toMatch(/^Working days left: \d+ \(\d+ h\)$/);

    // The adopted notice from its template, in the customer's language (a manual record: zh-CN), meets its obligations.
    await page.getByLabel('Message', { exact: true }).selectOption('adopted');
    await page.getByLabel('Version').fill('2.4');
    expect(await page.getByLabel('Text to the customer').inputValue()).toBe('您的建议已被收录,预计 2.4 版本上线');
    await page.getByRole('button', { name: 'Send to customer' }).click();
    await page.locator('.meets').filter({ hasText: 'Adoption notice' }).waitFor();

    await page.getByLabel('Result', { exact: true }).fill('WeCom SSO shipped in 2.4');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.locator('.record-title .pill-status-done').waitFor();
    const actions = (await detail(number)).audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['transition:mark_valid', 'edit', 'transition:start', 'progress', 'change_request', 'change_request:approve', 'communication', 'transition:complete']));
    // The timeline names each step and shows before → after in the reader's language.
    const timeline = page.locator('#audit-title').locator('xpath=../..');
    await expect.poll(() => timeline.textContent()).toContain('Change request approved');
    expect(await timeline.textContent()).toContain('Pending analysis → In progress');
  });

  it('merges three duplicates into one survivor ("asked by 3") and undo restores all three', async () => {
    const page = await reviewerPage();
    const [survivor, second, third] = [numberOf(12), numberOf(13), numberOf(14)];
    await openRecord(page, survivor);
    await expect.poll(() => page.getByTestId('asked-by').textContent()).toBe('1 位客户提出');
    for (const other of [second, third]) {
      await page.getByRole('button', { name: `将 ${other} 合并到本记录` }).click();
      await page.getByRole('button', { name: `撤销合并 ${other}` }).waitFor();
    }
    expect(await page.getByTestId('asked-by').textContent()).toBe('3 位客户提出');
    expect((await detail(survivor)).duplicates.map((d) => d.recordNumber).sort()).toEqual([second, third]);

    for (const other of [second, third]) {
      await page.getByRole('button', { name: `撤销合并 ${other}` }).click();
      await page.getByRole('button', { name: `撤销合并 ${other}` }).waitFor({ state: 'detached' });
    }
    expect(await page.getByTestId('asked-by').textContent()).toBe('1 位客户提出');
    for (const n of [survivor, second, third]) expect((await detail(n)).record.mergedInto).toBeNull();
    expect((await detail(survivor)).duplicates).toEqual([]);
  });

  it('shows both versions when a second tab saves a stale edit, and saves the choice', async () => {
    const number = numberOf(16);
    const screened = await server.staff(`/api/v1/records/${number}/transitions`, { method: 'POST', body: JSON.stringify({ type: 'mark_valid', nature: 'service_improvement', urgency: 'routine' }) });
    expect(screened.status).toBe(200);
    const first = await reviewerPage({ locale: 'en' });
    const second = await reviewerPage({ context: first.context() });
    await openRecord(first, number);
    await openRecord(second, number);

    await first.getByLabel('Urgency').first().selectOption('urgent');
    await first.getByRole('button', { name: 'Save nature and urgency' }).click();
    await expect.poll(async () => (await detail(number)).record.urgency).toBe('urgent');

    await second.getByLabel('Nature').first().selectOption('new_business');
    await second.getByLabel('Urgency').first().selectOption('important');
    await second.getByRole('button', { name: 'Save nature and urgency' }).click();
    const conflict = second.getByRole('alertdialog', { name: 'Someone else saved this record first' });
    await conflict.waitFor();
    const row = (field: string) => conflict.locator(`tr[data-field=${field}] .conflict-value`);
    expect(await row('urgency').allTextContents()).toEqual(['Urgent', 'Important']);
    expect(await row('nature').allTextContents()).toEqual(['Service improvement', 'New business development']);
    // Keep their urgency, and my nature.
    await conflict.getByLabel('Keep their Urgency').check();
    await conflict.getByRole('button', { name: 'Save my choice' }).click();
    await conflict.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(number)).record).toMatchObject({ urgency: 'urgent', nature: 'new_business' });
  });

  it('creates a record through the console form with coaching and masking, and renders hostile and long text as text', async () => {
    const page = await reviewerPage({ locale: 'en' });
    await page.getByRole('link', { name: 'New record' }).click();
    await page.locator('#new-record-title').waitFor();
    await page.getByLabel('Problem description').fill('不好用');
    await page.getByText('Which step exactly is inconvenient?').waitFor();
    await page.getByLabel('Customer name').fill('王小明先生');
    await page.getByText('Stored as *先生').waitFor();
    await page.getByLabel('The customer agreed').check();
    await page.getByLabel('Contact', { exact: true }).fill('13812345678');
    await page.getByText('Stored as 138****5678').waitFor();
    // Two hours ago, typed as the company's (Shanghai, UTC+8 all year) wall clock, whatever the browser's zone.
    const contactedAt = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000);
    const local = new Date(contactedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Spoke with the customer at').fill(local);
    await page.getByLabel('Source', { exact: true }).selectOption('sales');
    await page.getByLabel('Channel', { exact: true }).selectOption('meeting');
    // A text field holds at most 10,000 characters: about 30 KB of Chinese; with the other fields the record carries well over 30 KB of text.
    const hostile = `${HOSTILE} ${'长'.repeat(10_000 - HOSTILE.length - 1)}`;
    await page.getByLabel('Problem description').fill(hostile);
    await page.getByLabel('Scenario').fill(HOSTILE);
    await page.getByLabel('Expected solution').fill('<a href="javascript:window.__xss=4">click</a> call 13900001111');
    await page.getByRole('button', { name: 'Create record' }).click();
    await page.locator('#screening-title').waitFor();
    const number = (await page.locator('#record-title').textContent())!;
    const stored = (await detail(number)).record;
    expect(stored).toMatchObject({ source: 'sales', channel: 'meeting', customerName: '*先生', contact: '138****5678', contactConsent: true, problem: hostile, scenario: HOSTILE });
    expect(stored.expectedSolution).toBe('<a href="javascript:window.__xss=4">click</a> call 139****1111');
    expect(stored.origin).toEqual({ kind: 'manual', contactedAt: contactedAt.toISOString() });
    expect((await detail(number)).obligations.find((o) => o.kind === 'recording')).toMatchObject({ state: 'met', late: false });
    // With the consent box ticked the name and number as typed went to the vault with the record, read only through the audited route.
    const vault = await server.staff(`/api/v1/contacts/${stored.id}/read`, { method: 'POST' });
    expect(vault.status).toBe(200);
    expect(await vault.json()).toMatchObject({ contact: { name: '王小明先生', phone: '13812345678' }, locale: 'en' });
    expect(JSON.stringify(stored)).not.toContain('13812345678');

    const texts = await page.locator('.prose').allTextContents();
    expect(texts.slice(0, 3)).toEqual([hostile, HOSTILE, stored.expectedSolution]);
    expect(await page.locator('main script, main img, main svg, main a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // 100 KB of text wraps inside its card: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('shows an agent no reviewer actions on a record it did not record, and the API refuses them', async () => {
    const page = await suite.signedInPage(server.seeded.agent.email);
    await openRecord(page, numberOf(3));
    await page.locator('#duplicates-title').waitFor();
    for (const name of ['Mark as valid', 'Mark as invalid', 'Save assessment', 'Assign to me', 'Start handling', 'Merge here']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await page.getByLabel('Nature').count()).toBe(0);
    const forced = await page.evaluate(async (n) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken?: string };
      const res = await fetch(`/api/v1/records/${n}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        body: JSON.stringify({ type: 'mark_valid', nature: 'new_business', urgency: 'urgent' }),
      });
      return res.status;
    }, numberOf(3));
    expect(forced).toBe(403);
  });

  it('has no axe-core violations on the record page and the new-record form in both languages, light and dark', async () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await reviewerPage({ locale, colorScheme });
        await openRecord(page, numberOf(15));
        await page.locator('#duplicates-title').waitFor();
        expect(await axe(page), `record ${locale} ${colorScheme}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `record-${locale}-${colorScheme}.png`) });
        await page.goto(`${server.url}/records/new`);
        await page.locator('#new-record-title').waitFor();
        expect(await axe(page), `new record ${locale} ${colorScheme}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `new-record-${locale}-${colorScheme}.png`) });
        await page.context().close();
      }
    }
  });
});
