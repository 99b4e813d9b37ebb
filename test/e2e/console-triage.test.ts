import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelNamespace from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { axe } from './support/axe';
import type { EchoboxServer, SeedTools } from './support/echobox-server';
import { consoleUser, signIn } from './support/console-page';
import { startConsole, type ConsolePageOptions, type ConsoleSuite } from './support/console-suite';
import { createRecords } from '../../server/store/create-records';
import { createToken } from '../../server/store/users';
import { LEDGER_COLUMNS, columnLabels } from '../../server/exports/ledger-columns';
import type { RecordInput } from '../../shared/schemas/record';
import type { BulkResponse } from '../../shared/schemas/bulk';

/*
 * The queue's triage in Chromium against the real server: keyboard-only screening with 1/2/3, a bulk
 * assign of a whole filtered set of 250 (checked through the API), the ledger export of that view
 * read back with exceljs, an agent who sees no reviewer actions and is refused when forcing them,
 * and axe-core with the new bar and dialogs open in both languages and themes.
 */

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;
/** Set CONSOLE_SCREENSHOTS=1 to keep 1280×800 screenshots of the triage views in the temp folder. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ? join(tmpdir(), 'echobox-triage-shots') : null;

type Person = { id: string; email: string; name: string };
type Seeded = { reviewer: Person; owner: Person; agent: Person & { token: string }; triage: RecordInput[]; bulk: RecordInput[] };

/** Records whose problem holds `word` (for the search), recorded a minute apart, stored 100 at a time (none recorded after the store's now). */
async function seed(tools: SeedTools, word: string, count: number, start: number, overrides: Partial<RecordInput> = {}): Promise<RecordInput[]> {
  const inputs: RecordInput[] = Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    department: 'CS',
    source: 'customer_service',
    channel: 'ticket',
    contactConsent: false,
    category: 'feature_request',
    problem: `${word} ${i}: 导出报表时希望可以选择列 / export should let me pick columns`,
    attachments: [],
    initiator: { name: '李客服' },
    recordedAt: new Date(start + i * 60_000).toISOString(),
    origin: { kind: 'manual' },
    ...overrides,
  }));
  for (let i = 0; i < inputs.length; i += 100) {
    const chunk = inputs.slice(i, i + 100);
    await createRecords(tools.db, chunk.map((input) => ({ input })), { now: new Date(Date.parse(chunk.at(-1)!.recordedAt) + 60_000), timeZone: 'Asia/Shanghai', author: { id: null, label: 'seed' }, createdBy: null });
  }
  return inputs;
}

const rowNumbers = (page: Page) => page.locator('[role=row][data-record-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-number')));
const selectedNumber = (page: Page) => page.locator('[role=row][aria-selected=true]').getAttribute('data-record-number');

describe('console triage', () => {
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };
  let reviewerPage: Page;

  /** A page (English unless told) that may download the ledger. */
  const newPage = (options: ConsolePageOptions = {}) => suite.newPage({ acceptDownloads: true, ...options });
  /** A record as the API has it now. */
  const record = (number: string) =>
    server.staffJson<{ record: { validity: string; status: string; mergedInto: string | null; owner: { id: string } | null; invalidReason: string | null; id: string } }>(`/api/v1/records/${number}`).then((d) => d.record);
  /** Every id the record list gives for `query`, following its cursor. */
  async function listIds(query: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await server.staffJson(`/api/v1/records?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort();
  }

  beforeAll(async () => {
    suite = await startConsole({
      seed: async (tools): Promise<Seeded> => {
        const agent = await consoleUser(tools, 'agent', 'Chen Jie');
        return {
          reviewer: await consoleUser(tools, 'reviewer', '李娜'),
          owner: await consoleUser(tools, 'reviewer', '王工'),
          agent: { ...agent, token: (await createToken(tools.db, agent.id, 'e2e')).token },
          triage: await seed(tools, 'Triagekey', 10, Date.parse('2025-09-28T01:00:00Z')),
          bulk: [
            ...(await seed(tools, 'Bulkassign', 250, Date.parse('2025-09-27T01:00:00Z'))),
            // Same words, another category: the filter, not the search alone, makes the set.
            ...(await seed(tools, 'Bulkassign', 20, Date.parse('2025-09-26T01:00:00Z'), { category: 'other' })),
          ],
        };
      },
    });
    server = suite.server;
    reviewerPage = await suite.signedInPage(server.seeded.reviewer.email, { acceptDownloads: true });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('screens ten records with the keyboard alone: 1 valid, 2 duplicate of…, 3 invalid with its reason', async () => {
    const page = reviewerPage;
    await page.keyboard.press('/');
    await page.keyboard.type('Triagekey');
    await expect.poll(async () => (await rowNumbers(page)).length).toBe(10);
    await page.keyboard.press('Escape');
    const numbers = (await rowNumbers(page)) as string[];
    expect(await selectedNumber(page)).toBe(numbers[0]);
    const survivor = numbers[0]!;
    const plan = ['1', '3', '2', '1', '1', '3', '2', '1', '3', '1'] as const;

    for (const [i, key] of plan.entries()) {
      const number = numbers[i]!;
      expect(await selectedNumber(page)).toBe(number);
      await page.keyboard.press(key);
      if (key === '1') {
        await page.getByRole('dialog', { name: 'Mark as valid' }).waitFor();
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await record(number)).validity).toBe('valid');
        // The queue shows it: nature set, still the selected row.
        const row = page.locator(`[role=row][data-record-number="${number}"]`);
        await expect.poll(() => row.locator('[aria-colindex="6"]').textContent()).toBe('Feature optimisation');
      } else if (key === '3') {
        await page.getByRole('dialog', { name: 'Mark as invalid' }).waitFor();
        await page.keyboard.press('Enter'); // no reason yet: refused in the dialog
        await page.getByText('Give the reason this requirement is invalid.').waitFor();
        await page.keyboard.type('与产品定位冲突');
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await record(number)).validity).toBe('invalid');
        expect((await record(number)).invalidReason).toBe('与产品定位冲突');
        const row = page.locator(`[role=row][data-record-number="${number}"]`);
        await expect.poll(() => row.locator('[aria-colindex="9"]').textContent()).toBe('Closed');
      } else {
        await page.getByRole('dialog', { name: 'Duplicate of…' }).waitFor();
        await page.keyboard.type(survivor);
        await expect.poll(() => page.getByRole('dialog').getByRole('option').first().textContent()).toContain(survivor);
        await page.keyboard.press('Enter');
        const target = await record(survivor);
        await expect.poll(async () => (await record(number)).mergedInto).toBe(target.id);
        // A merged record leaves the queue; the row that took its place is selected.
        await expect.poll(async () => (await rowNumbers(page)).includes(number)).toBe(false);
        await expect.poll(() => selectedNumber(page)).toBe(numbers[i + 1]);
        continue;
      }
      if (i < plan.length - 1) await page.keyboard.press('j');
    }
    expect(await page.getByRole('dialog').count()).toBe(0);
    const states = await Promise.all(numbers.map(async (n) => ((r) => (r.mergedInto ? 'duplicate' : r.validity))(await record(n))));
    expect(states).toEqual(['valid', 'invalid', 'duplicate', 'valid', 'valid', 'invalid', 'duplicate', 'valid', 'invalid', 'valid']);
  });

  it('assigns the whole filtered set of 250 (not just the loaded page) to an owner picked with the keyboard', async () => {
    const page = reviewerPage;
    await page.locator('#queue-search').fill('Bulkassign');
    await page.getByLabel('Feedback type').selectOption('feature_request');
    await expect.poll(() => page.locator('.count').textContent()).toBe('100+ records');
    await page.locator('[role=grid]').focus();
    await page.keyboard.press('*');
    await page.getByText('All 250 matching records').waitFor();
    await page.keyboard.press('a');
    await page.getByRole('dialog', { name: 'Assign an owner' }).waitFor();
    await page.keyboard.type('王');
    await expect.poll(() => page.getByRole('dialog').getByRole('option').allTextContents()).toEqual([expect.stringContaining('王工')]);
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-progress').getByText('250 done, 0 refused').waitFor({ timeout: 60_000 });

    const wanted = server.seeded.bulk.filter((r) => r.category === 'feature_request').map((r) => r.id).sort();
    expect(await listIds(`owner=${server.seeded.owner.id}`)).toEqual(wanted);
    // The 20 with the same words in another category kept no owner.
    expect(await listIds('q=Bulkassign&category=other&owner=none')).toHaveLength(20);
    await expect.poll(() => page.locator('[role=row][data-record-number] [aria-colindex="10"]').first().textContent()).toBe('王工');
  });

  it('exports the current view as XLSX with the template columns and exactly its rows', async () => {
    const page = reviewerPage;
    // Still the view of the previous test: search Bulkassign, category feature request.
    expect(await page.getByLabel('Feedback type').inputValue()).toBe('feature_request');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^echobox-ledger-\d{8}\.xlsx$/);
    await page.getByRole('status').filter({ hasText: /Exported/ }).waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(columnLabels(LEDGER_COLUMNS, 'en'));
    const numbers: string[] = [];
    sheet.eachRow((row, i) => void (i > 1 && numbers.push(String(row.getCell(1).value))));
    const expected = await Promise.all(
      (await listIds('q=Bulkassign&category=feature_request')).map(async (id) => (await server.staffJson<{ record: { recordNumber: string } }>(`/api/v1/records/${id}`)).record.recordNumber),
    );
    expect(numbers.sort()).toEqual(expected.sort());
    expect(numbers).toHaveLength(250);
  });

  it('shows an agent no reviewer actions, and the API refuses them when forced', async () => {
    const page = await newPage({ locale: 'zh-CN' });
    await signIn(page, server.url, server.seeded.agent.email);
    await page.locator('[role=row][data-record-number]').first().waitFor();
    expect(await page.locator('[role=row] input[type=checkbox]').count()).toBe(0);
    expect(await page.getByRole('group', { name: '导出需求台账' }).count()).toBe(0);
    for (const key of ['x', '*', '1', '2', '3', 'a']) await page.keyboard.press(key);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await page.locator('[data-picked]').count()).toBe(0);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: '键盘快捷键' });
    await help.waitFor();
    expect(await help.textContent()).not.toContain('标记为有效需求');

    const auth = { authorization: `Bearer ${server.seeded.agent.token}`, 'content-type': 'application/json' };
    const id = server.seeded.triage[0]!.id;
    const assign = await fetch(`${server.url}/api/v1/bulk/records`, { method: 'POST', headers: auth, body: JSON.stringify({ action: { type: 'assign', ownerId: server.seeded.agent.id }, ids: [id] }) });
    expect(assign.status).toBe(403);
    expect(((await assign.json()) as { code: string }).code).toBe('forbidden');
    const screen = await fetch(`${server.url}/api/v1/bulk/records`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ action: { type: 'transition', transition: { type: 'mark_invalid', reason: 'x' } }, filter: { q: 'Bulkassign' } }),
    });
    const body = (await screen.json()) as BulkResponse;
    expect(body.results.length).toBeGreaterThan(0);
    expect(new Set(body.results.map((r) => `${r.status} ${r.code}`))).toEqual(new Set(['refused forbidden']));
    expect((await fetch(`${server.url}/api/v1/assignees`, { headers: auth })).status).toBe(403);
    expect(await listIds('q=Bulkassign&status=closed')).toEqual([]);
  });

  it('has no axe-core violations with the bulk bar, progress and triage dialogs open, both languages, light and dark', async () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await suite.signedInPage(server.seeded.reviewer.email, { locale, colorScheme, acceptDownloads: true });
        await page.locator('[role=row][data-record-number]').first().waitFor();
        const look = `${locale} ${colorScheme}`;
        await page.keyboard.press('x');
        await page.keyboard.press('j');
        await page.keyboard.press('j');
        await page.keyboard.press('Shift+X');
        await expect.poll(() => page.locator('[data-picked]').count()).toBe(3);
        await page.getByRole('toolbar').waitFor();
        expect(await axe(page), `bulk bar ${look}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `bar-${look.replace(' ', '-')}.png`) });

        await page.keyboard.press('1');
        await page.getByRole('dialog').waitFor();
        expect(await axe(page), `valid dialog ${look}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `valid-${look.replace(' ', '-')}.png`) });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.keyboard.press('3');
        await page.getByRole('dialog').waitFor();
        expect(await axe(page), `invalid dialog ${look}`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.keyboard.press('a');
        await page.getByRole('dialog').getByRole('option').first().waitFor();
        expect(await axe(page), `owner picker ${look}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `assign-${look.replace(' ', '-')}.png`) });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.keyboard.press('2');
        await page.getByRole('dialog').getByRole('option').first().waitFor();
        expect(await axe(page), `duplicate picker ${look}`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        // A run that refuses some: closing records nobody was told about (customer_not_told) or that are not done.
        await page.getByRole('toolbar').getByRole('button', { name: locale === 'en' ? 'Close' : '关闭', exact: true }).click();
        await page.getByTestId('bulk-progress').locator('.bulk-refused li').first().waitFor();
        expect(await axe(page), `bulk progress ${look}`).toEqual([]);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `progress-${look.replace(' ', '-')}.png`) });
        await page.context().close();
      }
    }
  }, 300_000);
});
