import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { axe } from './support/axe';
import { startEchobox, type EchoboxServer, type SeedTools } from './support/echobox-server';
import { consoleUser, ensureConsoleBuilt, signIn } from './support/console-page';
import { createRecords } from '../../server/store/create-records';
import { updateRecord } from '../../server/store/records';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';
import type { RecordInput } from '../../shared/schemas/record';
import type { Obligation } from '../../shared/schemas/obligation';
import type { CompliancePanel, RecordsPanel, SatisfactionPanel } from '../../shared/schemas/dashboard';
import type { TopicsPanel } from '../../shared/schemas/dashboard-topics';
import type { Satisfaction } from '../../shared/schemas/enums';

/*
 * The dashboard in Chromium against the real server: 60 records with scripted response obligations
 * (42 screened within the hour, 11 screened 30 days late, 7 never: breached), every figure on the
 * page equal to the count computed here from each record's own obligations, "breached" opening the
 * queue with exactly those 7, and axe-core clean in both languages and themes. 30 of the records
 * screened in time were rated over the four months before this one (the dissatisfied ones followed
 * up the same day): the satisfaction figures equal the counts made here, and a month's 不满意 opens
 * the queue with exactly those records.
 */

/** Set CONSOLE_SCREENSHOTS=1 to keep 1280×800 screenshots of the dashboard in the temp folder. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ? join(tmpdir(), 'echobox-dashboard-shots') : null;
const DAY_MS = 86_400_000;

type Rating = { id: string; rating: Satisfaction; at: string };
type Seeded = { reviewer: { email: string }; inTime: RecordInput[]; late: RecordInput[]; breached: RecordInput[]; ratings: Rating[] };

/** Records nobody can be told about (no contact), so screening meets their response; stored as recorded at `at`. */
async function seed(tools: SeedTools, count: number, at: number, department: string): Promise<RecordInput[]> {
  const inputs: RecordInput[] = Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    department,
    source: i % 3 ? 'customer_service' : 'sales',
    channel: 'ticket',
    contactConsent: false,
    category: 'feature_request',
    problem: `Dashboard case ${department} ${i}: 导出报表时希望可以选择列`,
    attachments: [],
    initiator: { name: '李客服' },
    recordedAt: new Date(at + i * 60_000).toISOString(),
    origin: { kind: 'manual' },
  }));
  await createRecords(tools.db, inputs.map((input) => ({ input })), { now: new Date(at + count * 60_000), timeZone: 'Asia/Shanghai', author: { id: null, label: 'seed' }, createdBy: null });
  return inputs;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ANSWERS: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'satisfied', 'dissatisfied', 'satisfied'];
/** Ratings per month, oldest first: the four months before the current one. */
const PER_MONTH = [6, 7, 8, 9];

/** The first 30 records rated on the 15th of the four months before `now`'s, each 不满意 followed up an hour later. */
async function rate(tools: SeedTools, records: RecordInput[], now: number): Promise<Rating[]> {
  const today = new Date(now);
  const ratings: Rating[] = [];
  let next = 0;
  for (const [m, count] of PER_MONTH.entries()) {
    for (let i = 0; i < count; i++, next++) {
      const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - PER_MONTH.length + m, 15, 4, i);
      const rating = ANSWERS[next % ANSWERS.length]!;
      const id = records[next]!.id;
      ratings.push({ id, rating, at: new Date(at).toISOString() });
      await updateRecord(
        tools.db,
        id,
        'satisfaction',
        ({ doc }) => ({
          ...doc,
          satisfaction: [{ rating, at: new Date(at).toISOString(), cycle: 1 }],
          communications:
            rating === 'dissatisfied'
              ? [{ id: uuidv7(), kind: 'second_contact', message: '已电话回访', at: new Date(at + 3_600_000).toISOString(), by: { id: uuidv7(), name: '李客服' } }]
              : doc.communications,
        }),
        { now: new Date(now), author: { id: null, label: 'seed' }, calendar: CN_MAINLAND_CALENDAR },
      );
    }
  }
  return ratings;
}

describe('console dashboard', () => {
  let server: EchoboxServer & { seeded: Seeded };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const now = Date.now();
  // From the first day of the fourth month back, so the ratings are in range.
  const from = day(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - PER_MONTH.length, 1));
  const to = day(now + 21 * DAY_MS);

  async function newPage(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: options.locale ?? 'en', colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  /** Open the dashboard on the test's range and wait for its figures. */
  async function openDashboard(page: Page) {
    await page.locator('nav a[href="/dashboard"]').click();
    await page.locator('#dashboard-title').waitFor();
    await page.locator('input[name=from]').fill(from);
    await page.locator('input[name=to]').fill(to);
    await page.locator('.dash-filters button[type=submit]').click();
    await page.waitForFunction(
      ([f]) => document.querySelector('main[aria-busy=false]') !== null && document.querySelector(`#dash-compliance`) !== null && (document.querySelector('input[name=from]') as HTMLInputElement).value === f,
      [from],
    );
  }

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([
      startEchobox({
        seed: async (tools): Promise<Seeded> => {
          const inTime = [...(await seed(tools, 30, now - 2 * 3_600_000, 'CS')), ...(await seed(tools, 12, now - 3 * 3_600_000, 'PM'))];
          return {
            reviewer: await consoleUser(tools, 'reviewer', '李娜'),
            inTime,
            late: await seed(tools, 11, now - 30 * DAY_MS, 'CS'),
            breached: [...(await seed(tools, 4, now - 31 * DAY_MS, 'CS')), ...(await seed(tools, 3, now - 32 * DAY_MS, 'PM'))],
            ratings: await rate(tools, inTime, now),
          };
        },
      }),
      launchChromium(),
    ]);
    for (const input of [...server.seeded.inTime, ...server.seeded.late]) {
      const res = await server.staff(`/api/v1/records/${input.id}/transitions`, { method: 'POST', body: JSON.stringify({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }) });
      expect(res.status).toBe(200);
    }

    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
  });

  it('shows figures equal to the counts computed from each record, and "breached" opens the queue with exactly those 7', async () => {
    const { inTime, late, breached } = server.seeded;
    // Independently: each record's own response obligation as the record page has it.
    const states = { met_in_time: 0, met_late: 0, breached: 0, open: 0 };
    for (const input of [...inTime, ...late, ...breached]) {
      const detail = await server.staffJson<{ obligations: Obligation[] }>(`/api/v1/records/${input.id}`);
      const response = detail.obligations.find((o) => o.kind === 'response')!;
      states[response.state === 'met' ? (response.late ? 'met_late' : 'met_in_time') : response.state] += 1;
    }
    expect(states).toEqual({ met_in_time: 42, met_late: 11, breached: 7, open: 0 });
    const panel = await server.staffJson<CompliancePanel>(`/api/v1/dashboard/compliance?from=${from}&to=${to}`);
    expect(panel.total).toEqual({ metInTime: 42, metLate: 11, breached: 7, open: 0 });
    const records = await server.staffJson<RecordsPanel>(`/api/v1/dashboard/records?from=${from}&to=${to}`);
    expect(records.total).toBe(60);

    const page = await newPage();
    await signIn(page, server.url, server.seeded.reviewer.email);
    await openDashboard(page);
    const kpi = (label: string) => page.locator('.kpi', { hasText: label }).locator('.kpi-value');
    expect(await kpi('Records created').innerText()).toBe('60');
    expect(await kpi('Breached').innerText()).toBe('7');
    expect(await kpi('Met late').innerText()).toBe('11');
    expect(await kpi('On-time rate').innerText()).toBe(`${Math.round((42 / 60) * 1000) / 10}%`);
    // The by-department table: CS 30 + 11 + 4, PM 12 + 3.
    const row = (caption: string, label: string) => page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tr', { has: page.locator(`th[scope=row]:text-is("${label}")`) });
    expect(await row('By department', 'CS').locator('td').allInnerTexts()).toEqual(['30', '11', '4', '0', `${Math.round((30 / 45) * 1000) / 10}%`]);
    expect(await row('By department', 'PM').locator('td').allInnerTexts()).toEqual(['12', '0', '3', '0', '80%']);
    expect(await row('Source', 'Sales').locator('td').innerText()).toBe(String(records.bySource.find((s) => s.key === 'sales')!.count));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dashboard-en-light.png'), fullPage: false });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dashboard-en-light-full.png'), fullPage: true });

    await kpi('Breached').locator('a').click();
    await page.locator('#queue-title').waitFor();
    const wanted = breached.map((r) => r.id).sort();
    await page.waitForFunction((n) => document.querySelectorAll('[role=row][data-record-number]').length === n, wanted.length);
    const numbers = await page.locator('[role=row][data-record-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-number')));
    const ids = await Promise.all(numbers.map(async (n) => (await server.staffJson<{ record: { id: string } }>(`/api/v1/records/${n}`)).record.id));
    expect(ids.sort()).toEqual(wanted);
  });

  it('shows satisfaction shares equal to the ratings counted here, and a month\'s 不满意 opens the queue with exactly those records', async () => {
    const { ratings } = server.seeded;
    expect(ratings).toHaveLength(30);
    // Independently: each rating's month in the company's zone.
    const monthOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(iso)).slice(0, 7);
    const months = [...new Set(ratings.map((r) => monthOf(r.at)))].sort();
    expect(months).toHaveLength(4);
    const tally = (month: string, rating?: Satisfaction) => ratings.filter((r) => monthOf(r.at) === month && (!rating || r.rating === rating));
    const panel = await server.staffJson<SatisfactionPanel>(`/api/v1/dashboard/satisfaction?from=${from}&to=${to}`);
    // Months nobody rated in are listed too, with zeros (the chart's gaps); the table beneath leaves them out.
    expect(panel.byMonth.filter((p) => p.rated > 0).map((p) => [p.period, p.rated, p.satisfied, p.basicallySatisfied, p.dissatisfied])).toEqual(
      months.map((m) => [m, tally(m).length, tally(m, 'satisfied').length, tally(m, 'basically_satisfied').length, tally(m, 'dissatisfied').length]),
    );
    const dissatisfied = ratings.filter((r) => r.rating === 'dissatisfied');
    expect(panel.followUps).toEqual({ metInTime: dissatisfied.length, metLate: 0, breached: 0, open: 0 });

    const page = await newPage();
    await signIn(page, server.url, server.seeded.reviewer.email);
    await openDashboard(page);
    const table = page.locator('section[aria-labelledby=dash-satisfaction] table', { has: page.locator('caption', { hasText: 'By month' }) });
    expect(await table.locator('tbody th[scope=row]').allInnerTexts()).toEqual([...months, 'Whole range']);
    for (const m of months) {
      const positive = tally(m, 'satisfied').length + tally(m, 'basically_satisfied').length;
      const share = `${Math.round((positive / tally(m).length) * 1000) / 10}%`;
      const cells = await table.locator('tr', { has: page.locator(`th[scope=row]:text-is("${m}")`) }).locator('td').allInnerTexts();
      expect(cells.slice(0, 5), m).toEqual([tally(m).length, tally(m, 'satisfied').length, tally(m, 'basically_satisfied').length, tally(m, 'dissatisfied').length].map(String).concat(share));
    }
    // The month with the most 不满意: its figure opens the queue with exactly those records.
    const month = months.reduce((best, m) => (tally(m, 'dissatisfied').length > tally(best, 'dissatisfied').length ? m : best));
    const wanted = tally(month, 'dissatisfied').map((r) => r.id).sort();
    expect(wanted.length).toBeGreaterThan(1);
    await table.locator('tr', { has: page.locator(`th[scope=row]:text-is("${month}")`) }).locator('td').nth(3).locator('a').click();
    await page.locator('#queue-title').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[role=row][data-record-number]').length === n, wanted.length);
    const numbers = await page.locator('[role=row][data-record-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-number')));
    const ids = await Promise.all(numbers.map(async (n) => (await server.staffJson<{ record: { id: string } }>(`/api/v1/records/${n}`)).record.id));
    expect(ids.sort()).toEqual(wanted);
    expect(new URL(page.url()).searchParams.get('rating')).toBe('dissatisfied');
  });

  it('lists the most-asked topics with the counts the API gives, each opening the queue with its records', async () => {
    const panel = await server.staffJson<TopicsPanel>(`/api/v1/dashboard/topics?from=${from}&to=${to}`);
    expect(panel.grouped).toBe(60);
    expect(panel.topics.reduce((n, x) => n + x.records, 0)).toBe(60);
    const page = await newPage();
    await signIn(page, server.url, server.seeded.reviewer.email);
    await openDashboard(page);
    const rows = page.locator('section[aria-labelledby=dash-topics] tbody tr');
    expect(await rows.count()).toBe(panel.topics.length);
    for (const [i, x] of panel.topics.entries()) {
      expect(await rows.nth(i).locator('td').allInnerTexts()).toEqual([String(x.records), String(x.askedBy)]);
    }
    expect(await page.locator('section[aria-labelledby=dash-surveys]').innerText()).toContain('No survey answered');
    // The queue opens on exactly the topic's ids; every row it shows (a virtualised list: those in view) is one of them.
    const smallest = panel.topics.at(-1)!;
    await rows.nth(panel.topics.length - 1).locator('td').first().locator('a').click();
    await page.locator('#queue-title').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[role=row][data-record-number]').length >= n, Math.min(smallest.records, 5));
    expect((new URL(page.url()).searchParams.get('ids') ?? '').split(',').sort()).toEqual([...smallest.ids].sort());
    const numbers = await page.locator('[role=row][data-record-number]').evaluateAll((r) => r.map((x) => x.getAttribute('data-record-number')));
    const ids = await Promise.all(numbers.map(async (n) => (await server.staffJson<{ record: { id: string } }>(`/api/v1/records/${n}`)).record.id));
    for (const id of ids) expect(smallest.ids).toContain(id);
  });

  for (const [locale, colorScheme] of [['en', 'light'], ['zh-CN', 'dark']] as const) {
    it(`is axe-clean in ${locale}, ${colorScheme}`, async () => {
      const page = await newPage({ locale, colorScheme });
      await signIn(page, server.url, server.seeded.reviewer.email);
      await openDashboard(page);
      await page.locator('.chart-canvas canvas').first().waitFor();
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `dashboard-${locale}-${colorScheme}.png`), fullPage: true });
      expect(await axe(page)).toEqual([]);
    });
  }
});
