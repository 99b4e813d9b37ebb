import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelNamespace from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser } from './support/console-page';
import { startConsole, type ConsolePageOptions, type ConsoleSuite } from './support/console-suite';
import type { Record as EchoRecord, RecordInput } from '../../shared/schemas/record';

/*
 * The meeting reports in Chromium against the real server: records seeded through the API (three
 * awaiting the assessment meeting, one of them rated; two in execution with a task order and this
 * week's progress), the rows on screen grouped by department, the suggested priority's reasoning
 * opened from the keyboard, both XLSX downloads read back, a record number opening its page, and
 * axe-core clean in both languages.
 */

const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;
/** Set CONSOLE_SCREENSHOTS=1 to keep 1280×800 screenshots of both reports in /tmp/echobox-report-shots. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ? '/tmp/echobox-report-shots' : null;
const DAY_MS = 86_400_000;

/** A day `days` from now in Shanghai, as a task order's deadline. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

describe('console meeting reports', () => {
  type Seeded = { reviewer: { id: string; email: string }; agent: { email: string } };
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };
  const n: Record<string, string> = {};

  /** A page signed in as `email`, downloads allowed. */
  const signedIn = (email: string, options: ConsolePageOptions = {}) => suite.signedInPage(email, { acceptDownloads: true, ...options });

  const send = async (path: string, method: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await server.staff(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return ((await res.json()) as { record: EchoRecord }).record;
  };
  const create = async (name: string, department: string, extra: Partial<RecordInput> = {}) => {
    const input: RecordInput = {
      id: uuidv7(),
      department,
      source: 'customer_service',
      channel: 'ticket',
      customerType: 'high_value',
      customerName: '华东贸易有限公司',
      contactConsent: false,
      category: 'product_defect',
      problem: `${name}: 导出报表时点击导出按钮没有反应`,
      expectedSolution: '点击后 10 秒内下载 Excel 文件',
      attachments: [],
      initiator: { name: '李客服' },
      recordedAt: new Date(Date.now() - 3_600_000).toISOString(),
      origin: { kind: 'manual' },
      ...extra,
    };
    const record = await send('/api/v1/records', 'POST', input);
    n[name] = record.recordNumber;
    return send(`/api/v1/records/${record.id}/transitions`, 'POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
  };
  const patch = (r: EchoRecord, body: unknown) => send(`/api/v1/records/${r.id}`, 'PATCH', body, { 'if-match': `"${r.version}"` });
  const execute = async (name: string, department: string, note: string) => {
    const r = await patch(await create(name, department), {
      responsibleDepartment: 'RD',
      taskOrder: { goal: `${name} goal`, deliveryStandard: '客户验收通过', deadline: shanghaiDay(30), ownerId: server.seeded.reviewer.id },
    });
    await send(`/api/v1/records/${r.id}/transitions`, 'POST', { type: 'start', ownerId: server.seeded.reviewer.id });
    await send(`/api/v1/records/${r.id}/progress`, 'POST', { milestone: 'development_testing', note });
  };

  /** Open the reports page from the top bar and wait for the assessment sheet's groups. */
  async function openReports(page: Page, label: string) {
    await page.getByRole('navigation').getByRole('link', { name: label }).click();
    await page.locator('.report-group').first().waitFor();
  }
  const groups = (page: Page) =>
    page.locator('.report-group').evaluateAll((sections) =>
      sections.map((s) => [s.querySelector('h2')?.textContent, [...s.querySelectorAll('tbody th .record-link')].map((a) => a.textContent)]),
    );
  async function readDownload(page: Page, name: string) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => void rows.push((row.values as unknown[]).slice(1)));
    return { file: download.suggestedFilename(), sheet: sheet.name, rows };
  }

  beforeAll(async () => {
    suite = await startConsole({ seed: async (tools) => ({ reviewer: await consoleUser(tools, 'reviewer', '张经理'), agent: await consoleUser(tools, 'agent', '李客服') }) });
    server = suite.server;
    await create('Unrated', 'CS');
    const rated = await create('Rated', 'CS');
    await patch(rated, { assessment: { customerValue: 4, businessValue: 5, cost: 2, risk: 1, priority: 'P0', handling: 'develop' }, responsibleDepartment: 'RD' });
    await create('Pricing', 'PM', { customerName: 'Northwind Ltd', customerType: 'existing' });
    await execute('Export', 'CS', '导出改为后台任务,开发完成一半');
    await execute('Invoices', 'PM', 'Tax rate fix in testing');
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('shows the assessment sheet by department with the reasoning on demand, downloads it and opens a record', async () => {
    const page = await signedIn(server.seeded.reviewer.email);
    await openReports(page, 'Reports');
    expect(await groups(page)).toEqual([
      ['CS', [n.Unrated, n.Rated]],
      ['PM', [n.Pricing]],
    ]);
    const rated = page.locator('tr', { has: page.locator(`a:text-is("${n.Rated}")`) });
    // Each figure is read with its dimension's name (hidden on screen, spoken by screen readers).
    expect(await rated.locator('.rating').evaluateAll((cells) => cells.map((c) => c.textContent))).toEqual(['Customer value 4', 'Business value 5', 'Implementation cost 2', 'Risk 1']);
    const unrated = page.locator('tr', { has: page.locator(`a:text-is("${n.Unrated}")`) });
    expect(await unrated.innerText()).toContain('Not rated yet');
    // The reasoning opens from the keyboard.
    const why = rated.locator('summary');
    await why.focus();
    await page.keyboard.press('Enter');
    await rated.locator('details[open] li').first().waitFor();
    expect(await rated.locator('details li').allInnerTexts()).toEqual([
      'Customer value 4 of 5, counted double: 8 points',
      'Business value 5 of 5, counted double: 10 points',
      'Implementation cost 2 of 5, the cheaper the more: 4 points',
      'Risk 1 of 5, the safer the more: 5 points',
      '27 points are 25 or more: P0',
    ]);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'assessment-en-light-open.png') });

    const xlsx = await readDownload(page, 'Download XLSX');
    expect(xlsx.file).toMatch(/^echobox-assessment-sheet-\d{8}\.xlsx$/);
    expect(xlsx.sheet).toBe('Assessment sheet');
    expect(xlsx.rows[0]!.slice(0, 3)).toEqual(['Department', 'Record number', 'Recorded at']);
    expect(xlsx.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([['CS', n.Unrated], ['CS', n.Rated], ['PM', n.Pricing]]);

    // A department narrows the sheet.
    await page.getByLabel('Department').selectOption('PM');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.report-group').length === 1);
    expect(await groups(page)).toEqual([['PM', [n.Pricing]]]);

    await page.getByRole('link', { name: n.Pricing }).click();
    await page.locator('#record-title').waitFor();
    expect(await page.locator('#record-title').innerText()).toBe(n.Pricing);
  });

  it('shows this week\'s progress by responsible department and downloads it', async () => {
    const page = await signedIn(server.seeded.reviewer.email, { locale: 'zh-CN' });
    await openReports(page, '会议报表');
    await page.getByRole('button', { name: '需求处理进度跟踪表' }).click();
    await page.locator('#report-w-RD').waitFor();
    expect(await groups(page)).toEqual([['RD', [n.Export, n.Invoices]]]);
    const row = page.locator('tr', { has: page.locator(`a:text-is("${n.Export}")`) });
    const text = await row.innerText();
    for (const part of ['导出改为后台任务,开发完成一半', '开发/测试', shanghaiDay(30), '张经理', 'Export goal']) expect(text).toContain(part);
    expect(text).toMatch(/剩余 \d+ 个工作日/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'weekly-zh-CN-light.png') });

    const xlsx = await readDownload(page, '下载 XLSX');
    expect(xlsx.file).toMatch(/^echobox-weekly-progress-\d{4}-W\d{2}-\d{8}\.xlsx$/);
    expect(xlsx.sheet).toBe('需求处理进度跟踪表');
    expect(xlsx.rows[0]!.slice(0, 2)).toEqual(['部门', '需求编号']);
    expect(xlsx.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([['RD', n.Export], ['RD', n.Invoices]]);
  });

  it('offers no reports to an agent', async () => {
    const page = await signedIn(server.seeded.agent.email);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).count()).toBe(0);
  });

  const looks = SHOTS
    ? ([['en', 'light'], ['zh-CN', 'dark'], ['en', 'dark'], ['zh-CN', 'light']] as const)
    : ([['en', 'light'], ['zh-CN', 'dark']] as const);
  for (const [locale, colorScheme] of looks) {
    it(`is axe-clean in ${locale}, ${colorScheme}, on both reports`, async () => {
      const page = await signedIn(server.seeded.reviewer.email, { locale, colorScheme });
      await openReports(page, locale === 'en' ? 'Reports' : '会议报表');
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `assessment-${locale}-${colorScheme}.png`) });
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: locale === 'en' ? 'Weekly progress' : '需求处理进度跟踪表' }).click();
      await page.locator('#report-w-RD').waitFor();
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `weekly-${locale}-${colorScheme}.png`) });
      expect(await axe(page)).toEqual([]);
    });
  }
});
