import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { CONSOLE_PASSWORD, consoleUser, signIn } from './support/console-page';
import { startConsole, type ConsoleSuite } from './support/console-suite';
import { createRecords } from '../../server/store/create-records';
import { addWorkingDays, type WorkingDayCalendar } from '../../shared/domain/calendar';
import { RESPONSE_TIME } from '../../shared/domain/deadlines';
import { CalendarList } from '../../shared/schemas/calendar';
import { RecordDetail } from '../../shared/schemas/record-page';
import { SiteKeyList } from '../../shared/schemas/staff';

/*
 * Administration against the real server in Chromium. The server counts deadlines with a company
 * calendar (E2E) that has every year but the one the missing-year rule flags now (this year, or
 * next year from 60 days before it), so the test does not depend on the date it runs or on the
 * chinese-days package. An admin imports that year from an .ics file: a record's response
 * deadline that crosses New Year moves, and the banner goes. An admin creates a site key and an
 * agent; the agent cannot open administration. axe-core on every administration page, both
 * languages, light and dark.
 */

const SHOTS = process.env.ECHOBOX_SCREENSHOT_DIR;
const ZONE = 'Asia/Shanghai';

/** The year the missing-year rule flags today: next year from 60 days before it, else this year. */
function flaggedYear(now: Date): number {
  const year = Number(now.toLocaleString('en-CA', { timeZone: ZONE, year: 'numeric' }));
  const nextStarts = Date.parse(`${year + 1}-01-01T00:00:00+08:00`);
  return nextStarts - now.getTime() <= 60 * 86_400_000 ? year + 1 : year;
}

const TARGET = flaggedYear(new Date());
/** Days off the .ics brings: New Year and a company week, so a deadline crossing New Year must move. */
const ICS_HOLIDAYS = Array.from({ length: 7 }, (_, i) => `${TARGET}-01-0${i + 1}`);
const ICS_WORKDAY = `${TARGET}-02-20`;
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Echobox e2e//CN',
  'BEGIN:VEVENT',
  'UID:new-year@e2e',
  `DTSTART;VALUE=DATE:${TARGET}0101`,
  `DTEND;VALUE=DATE:${TARGET}0108`,
  'SUMMARY:元旦及公司年假',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:makeup@e2e',
  `DTSTART;VALUE=DATE:${TARGET}0220`,
  'SUMMARY:春节调休(班)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:other-year@e2e',
  `DTSTART;VALUE=DATE:${TARGET - 1}1001`,
  `DTEND;VALUE=DATE:${TARGET - 1}1002`,
  'SUMMARY:国庆节',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

/** The stored years before the import: every year around the target but the target, weekends only. */
const STORED_YEARS = [TARGET - 2, TARGET - 1, TARGET + 1].filter((y) => y !== TARGET);
const calendar = (years: Record<string, { holidays: string[]; workdays: string[] }>): WorkingDayCalendar => ({ id: 'E2E', timeZone: ZONE, years });
const empty = { holidays: [], workdays: [] };
const BEFORE = calendar(Object.fromEntries(STORED_YEARS.map((y) => [String(y), empty])));
const AFTER = calendar({ ...BEFORE.years, [TARGET]: { holidays: ICS_HOLIDAYS, workdays: [ICS_WORKDAY] } });
/** Recorded two days before New Year, 10:00 in Shanghai: a routine response (5 working days) lands in January. */
const RECORDED_AT = new Date(`${TARGET - 1}-12-30T02:00:00Z`);

type Seeded = { admin: { email: string }; recordId: string };

describe('console administration', () => {
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };
  let dir: string;

  async function newPage(locale: string, colorScheme: 'light' | 'dark'): Promise<Page> {
    const page = await suite.newPage({ locale, colorScheme });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    return page;
  }

  const responseDue = async () => {
    const detail = RecordDetail.parse(await server.staffJson(`/api/v1/records/${server.seeded.recordId}`));
    return detail.obligations.find((o) => o.kind === 'response')?.dueAt;
  };
  const expectedDue = (cal: WorkingDayCalendar) => {
    const due = addWorkingDays(RECORDED_AT, RESPONSE_TIME.routine.workingDays, cal);
    if (!due.ok) throw new Error(due.error.message);
    return due.value.due.toISOString();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'echobox-admin-e2e-'));
    const calendarsFile = join(dir, 'calendars.json');
    await writeFile(calendarsFile, JSON.stringify({ calendars: [{ id: 'E2E', years: BEFORE.years }] }));
    suite = await startConsole({
      env: { ECHOBOX_CALENDAR: 'E2E', ECHOBOX_CALENDARS_FILE: calendarsFile },
      seed: async (tools) => {
        const admin = await consoleUser(tools, 'admin', '周敏');
        const id = uuidv7();
        await createRecords(
          tools.db,
          [
            {
              input: {
                id,
                department: 'CS',
                source: 'customer_service',
                channel: 'ticket',
                contactConsent: false,
                category: 'product_defect',
                scenario: '报表模块,点击导出之后',
                problem: '年底对账时导出按钮没有反应',
                attachments: [],
                initiator: { name: '李客服' },
                recordedAt: RECORDED_AT.toISOString(),
                origin: { kind: 'manual' },
              },
            },
          ],
          { now: RECORDED_AT, timeZone: ZONE, author: { id: null, label: 'seed' }, createdBy: null },
        );
        return { admin, recordId: id };
      },
    });
    server = suite.server;
    const screened = await server.staff(`/api/v1/records/${server.seeded.recordId}/transitions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }),
    });
    if (!screened.ok) throw new Error(`mark_valid ${screened.status} ${await screened.text()}`);
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the missing year from an .ics file: the January deadline moves and the banner goes', async () => {
    const before = CalendarList.parse(await server.staffJson('/api/v1/calendars'));
    expect(before.gaps.map((g) => g.year)).toEqual([TARGET]);
    expect(await responseDue()).toBe(expectedDue(BEFORE));

    const page = await newPage('zh-CN', 'light');
    await signIn(page, server.url, server.seeded.admin.email);
    const banner = page.getByTestId('calendar-gap-banner');
    await expect.poll(() => banner.textContent()).toContain(`${TARGET}`);
    await banner.getByRole('link').click();
    await page.locator('#calendar-year-title').waitFor();
    expect(await page.locator('#calendar-year-title').textContent()).toBe(`E2E · ${TARGET} 年`);

    const file = join(dir, `holidays-${TARGET}.ics`);
    await writeFile(file, ICS);
    await page.locator('#calendar-ics').setInputFiles(file);
    const preview = page.getByTestId('ics-preview');
    await preview.waitFor();
    // What will be imported is shown before anything is stored: seven days off, one make-up day, the other year left out.
    expect(await preview.locator('tbody tr').count()).toBe(8);
    expect(await page.locator('.preview').textContent()).toContain(`${TARGET} 年共 7 个休息日、1 个调休上班日`);
    expect(await responseDue()).toBe(expectedDue(BEFORE));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-calendar-preview-zh-CN-light.png') });

    await page.getByRole('button', { name: '采用这些日期' }).click();
    expect(await page.locator('.date-column').first().locator('.date-chips li').count()).toBe(7);
    await page.getByRole('button', { name: `保存 ${TARGET} 年` }).click();
    await page.getByText(`${TARGET} 年已保存`).waitFor();
    await banner.waitFor({ state: 'detached' });

    const after = CalendarList.parse(await server.staffJson('/api/v1/calendars'));
    expect(after.gaps).toEqual([]);
    const stored = (await server.staffJson<{ years: { year: number; holidays: string[]; workdays: string[]; source: string }[] }>('/api/v1/calendars/E2E')).years.find((y) => y.year === TARGET);
    expect(stored).toMatchObject({ source: 'api', holidays: ICS_HOLIDAYS, workdays: [ICS_WORKDAY] });
    const due = await responseDue();
    expect(due).toBe(expectedDue(AFTER));
    expect(due).not.toBe(expectedDue(BEFORE));
    expect(due!.slice(0, 4)).toBe(String(TARGET));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-calendars-zh-CN-light.png') });
  });

  it('lets an admin create a site key and an agent; the agent cannot open administration', async () => {
    const page = await newPage('en', 'light');
    await signIn(page, server.url, server.seeded.admin.email);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.locator('#admin-title').waitFor();

    await page.getByRole('link', { name: 'Site keys' }).click();
    await page.getByRole('button', { name: 'New site key' }).click();
    await page.locator('#key-name').fill('Shop web app');
    await page.locator('#key-department').fill('web');
    await page.locator('#key-origins').fill('https://shop.example.com\nhttps://shop.example.com/path');
    await page.getByRole('button', { name: 'Create site key' }).click();
    // The server's field error lands under the origins, naming the refused entry.
    await page.locator('#key-origins-error').waitFor();
    expect(await page.locator('#key-origins').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#key-origins-error').textContent()).toContain('Entries refused: 2.');
    await page.locator('#key-origins').fill('https://shop.example.com\nhttp://localhost:3000');
    await page.locator('#key-query').fill('tab, utm_source');
    await page.getByRole('button', { name: 'Create site key' }).click();
    const secret = page.getByTestId('identity-secret');
    await secret.waitFor();
    const keys = SiteKeyList.parse(await server.staffJson('/api/v1/site-keys')).items.filter((k) => k.name === 'Shop web app');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ department: 'WEB', allowedOrigins: ['https://shop.example.com', 'http://localhost:3000'], allowedQueryKeys: ['tab', 'utm_source'], ratePerMinute: 30 });
    const item = page.locator(`[data-site-key="${keys[0]!.key}"]`);
    const snippet = await item.locator('.snippet code').textContent();
    expect(snippet).toBe(`<script src="${server.url}/widget/widget.js" data-site-key="${keys[0]!.key}" data-api="${server.url}" async></script>`);
    // Copy by keyboard: the outcome is announced in a live region next to the button.
    await item.getByRole('button', { name: 'Copy the embed snippet of Shop web app' }).focus();
    await page.keyboard.press('Enter');
    await item.locator('.snippet [role=status]').getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-site-keys-en-light.png') });

    await page.getByRole('link', { name: 'People and tokens' }).click();
    await page.locator('#user-name').fill('Wang Fang');
    await page.locator('#user-email').fill('wang.fang@example.com');
    await page.locator('#user-role').selectOption('agent');
    await page.locator('#user-department').fill('CS');
    await page.getByRole('button', { name: 'Add person' }).click();
    const password = (await page.getByTestId('first-password').textContent())!;
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    await page.locator('tr[data-user-email="wang.fang@example.com"]').getByText('First password not yet changed').waitFor();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-users-en-light.png') });

    const agent = await newPage('en', 'light');
    await agent.goto(`${server.url}/`);
    await agent.locator('#email').fill('wang.fang@example.com');
    await agent.locator('#password').fill(password);
    await agent.locator('form button[type=submit]').click();
    // The first password only opens the password change.
    await agent.locator('#forced-title').waitFor();
    await agent.locator('#pw-current').fill(password);
    await agent.locator('#pw-next').fill(CONSOLE_PASSWORD);
    await agent.locator('#pw-repeat').fill(CONSOLE_PASSWORD);
    await agent.locator('form button[type=submit]').click();
    await agent.locator('#queue-title').waitFor();
    expect(await agent.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).not.toContain('Administration');
    expect(await agent.getByTestId('calendar-gap-banner').count()).toBe(0);
    await agent.goto(`${server.url}/admin/site-keys`);
    await agent.locator('#admin-refused-title').waitFor();
    expect(await agent.locator('#admin-title').count()).toBe(0);
    const statuses = await agent.evaluate(async () => Promise.all(['/api/v1/users', '/api/v1/site-keys', '/api/v1/calendars'].map(async (p) => (await fetch(p)).status)));
    expect(statuses).toEqual([403, 403, 403]);
  });

  it('checks an adapter override file field by field and tries a definition on pasted HTML without running it', async () => {
    const page = await newPage('en', 'light');
    await signIn(page, server.url, server.seeded.admin.email);
    await page.goto(`${server.url}/admin/adapters`);
    await page.locator('#adapters-title').waitFor();
    await page.locator('td', { hasText: 'zendesk' }).first().waitFor();

    const own = {
      id: 'acme-desk',
      system: 'generic',
      version: 1,
      urls: [{ host: 'desk.acme.example', path: '/tickets/*' }],
      idPatterns: ['/tickets/(?<id>\\d+)'],
      fields: { subject: [{ selector: 'h1.ticket-title' }], status: [{ selector: '.status' }] },
    };
    const broken = join(dir, 'adapters-broken.json');
    await writeFile(broken, JSON.stringify([{ ...own, urls: [{ host: 'Desk Example', path: '/tickets/*' }] }]));
    await page.locator('#adapters-file').setInputFiles(broken);
    const errors = page.getByTestId('adapter-errors');
    await errors.waitFor();
    expect(await errors.locator('li code').allTextContents()).toEqual(['adapter 1 (acme-desk) › urls › 1 › host']);

    const valid = join(dir, 'adapters.json');
    await writeFile(valid, JSON.stringify({ adapters: [own] }));
    await page.locator('#adapters-file').setInputFiles(valid);
    await page.getByText('adapters.json is valid. Replaces: —. Adds: acme-desk.').waitFor();
    expect(await errors.count()).toBe(0);

    await page.locator('#try-adapter').selectOption('acme-desk');
    await page.locator('#try-url').fill('https://desk.acme.example/tickets/4821');
    await page.locator('#try-html').fill('<h1 class="ticket-title">Export button does nothing</h1><span class="status">Open</span><img src=x onerror="window.__xss=1">');
    await page.getByRole('button', { name: 'Extract' }).click();
    const result = page.getByTestId('try-result');
    await result.waitFor();
    expect(await result.locator('.item').evaluateAll((items) => items.map((i) => i.textContent))).toEqual(
      expect.arrayContaining(['Ticket id4821', 'SubjectExport button does nothing', 'StatusOpen']),
    );
    expect(await result.textContent()).toContain('Not found: Requester, Tags, Messages.');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-adapters-try-en-light.png'), fullPage: true });
  });

  it.each([
    ['zh-CN', 'dark'],
    ['en', 'dark'],
    ['zh-CN', 'light'],
    ['en', 'light'],
  ] as const)('passes axe-core on every administration page (%s, %s)', async (locale, colorScheme) => {
    const page = await newPage(locale, colorScheme);
    await signIn(page, server.url, server.seeded.admin.email);
    for (const section of ['users', 'site-keys', 'calendars', 'adapters']) {
      await page.goto(`${server.url}/admin/${section}`);
      await page.locator('#admin-title').waitFor();
      const ready = { users: 'tr[data-user-email]', 'site-keys': '[data-site-key]', calendars: '#calendar-year-title', adapters: '.simple-table tbody tr' }[section]!;
      await page.locator(ready).first().waitFor();
      expect(await axe(page), `${section} ${locale} ${colorScheme}`).toEqual([]);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `admin-${section}-${locale}-${colorScheme}.png`) });
    }
    await page.close();
  }, 240_000);
});
