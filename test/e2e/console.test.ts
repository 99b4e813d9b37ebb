import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { CONSOLE_PASSWORD, consoleUser, seedRecords, signIn, triageSome } from './support/console-page';
import { startConsole, type ConsolePageOptions, type ConsoleSuite } from './support/console-suite';
import type { RecordInput } from '../../shared/schemas/record';

/*
 * The console against the real server in Chromium: sign-in, the queue with seeded records (filter,
 * search, j/k/Enter, live updates that keep the selection), hostile text shown as text, own API
 * tokens, password change, sign-out, and axe-core on sign-in and queue in both languages and themes.
 */


const HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><svg onload="window.__xss=3"></svg> ‮evil';

type Seeded = { reviewer: { email: string }; changer: { email: string }; records: RecordInput[] };
const rowNumbers = (page: Page) => page.locator('[role=row][data-record-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-number')));
const selectedNumber = (page: Page) => page.locator('[role=row][aria-selected=true]').getAttribute('data-record-number');

describe('console', () => {
  let suite: ConsoleSuite<Seeded>;
  let server: EchoboxServer & { seeded: Seeded };

  const newPage = (options: ConsolePageOptions = {}) => suite.newPage({ locale: 'zh-CN', ...options });

  beforeAll(async () => {
    suite = await startConsole({
      seed: async (tools) => ({
        reviewer: await consoleUser(tools, 'reviewer', '李娜'),
        changer: await consoleUser(tools, 'agent', 'Chen Jie'),
        records: await seedRecords(tools, 24, [{ problem: HOSTILE, scenario: HOSTILE, customerName: '<b>bold</b>', category: 'other' }]),
      }),
    });
    server = suite.server;
    await triageSome(server, server.seeded.records);
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('serves the console at / under a strict CSP, and console routes survive a reload', async () => {
    const res = await fetch(`${server.url}/records/CS-20250929-001`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'; style-src 'self'/);
    expect(await res.text()).toMatch(/<div id="app">/);
    expect((await fetch(`${server.url}/api/v1/nope`)).headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('signs in, shows the seeded records newest first, and filters and searches them', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.locator('#email').fill(server.seeded.reviewer.email);
    await page.locator('#password').fill('wrong password!');
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('邮箱或密码不正确。');
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.locator('[role=row][data-record-number]').first().waitFor();
    const numbers = await rowNumbers(page);
    expect(numbers.length).toBeGreaterThanOrEqual(12);
    expect(numbers[0]).toBe('CS-20250929-025');
    expect(await page.locator('.count').textContent()).toBe('25 条记录');

    await page.getByLabel('反馈类型').selectOption('product_defect');
    await expect.poll(async () => (await rowNumbers(page)).length).toBe(10);
    const categories = await page.locator('[role=row][data-record-number] [aria-colindex="5"]').allTextContents();
    expect(new Set(categories)).toEqual(new Set(['产品缺陷']));

    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('#queue-search').fill('WeCom');
    await expect.poll(() => rowNumbers(page)).toEqual(['CS-20250929-020', 'CS-20250929-008']);
    await page.locator('#queue-search').fill('付款页面');
    await expect.poll(() => rowNumbers(page)).toEqual(['CS-20250929-019', 'CS-20250929-007']);
  });

  it('moves with j/k, opens with Enter, lists shortcuts with ?, and keeps the selection through live updates', async () => {
    const page = await newPage({ locale: 'en' });
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.locator('[role=row][data-record-number]').first().waitFor();
    expect(await selectedNumber(page)).toBe('CS-20250929-025');
    for (const key of ['j', 'j', 'j', 'k']) await page.keyboard.press(key);
    expect(await selectedNumber(page)).toBe('CS-20250929-023');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // A record arrives while the person has one selected: it goes on top, the selection stays.
    await expect.poll(() => page.locator('.live').textContent()).toBe('Live');
    const res = await server.staff('/api/v1/records', { method: 'POST', body: JSON.stringify({ ...server.seeded.records[0], id: crypto.randomUUID().replace(/^(.{14})./, '$17'), problem: 'Live record from the API', recordedAt: '2025-09-29T03:00:00.000Z' }) });
    expect(res.status).toBe(201);
    const firstProblem = () => page.locator('[role=row][data-record-number] .cell-problem').first().textContent();
    await expect.poll(firstProblem, { timeout: 20_000 }).toContain('Live record from the API');
    expect(await selectedNumber(page)).toBe('CS-20250929-023');

    await page.keyboard.press('Enter');
    await page.locator('#record-title').waitFor();
    expect(page.url()).toBe(`${server.url}/records/CS-20250929-023`);
    expect(await page.locator('#record-title').textContent()).toBe('CS-20250929-023');
    await page.goBack();
    await page.locator('#queue-title').waitFor();
  });

  it('keeps what the person reads in place when a record arrives while they are scrolled down', async () => {
    const page = await newPage({ locale: 'en' });
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.locator('[role=row][data-record-number]').first().waitFor();
    await expect.poll(() => page.locator('.live').textContent()).toBe('Live');
    const grid = page.getByTestId('queue-grid');
    await grid.evaluate((el) => (el.scrollTop = 240));
    await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBe(240);
    // Pick a row in the middle of what is shown and remember where it is on screen.
    const visible = await grid.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll<HTMLElement>('[role=row][data-record-number]')]
        .filter((r) => r.getBoundingClientRect().top > box.top + 60 && r.getBoundingClientRect().bottom < box.bottom)
        .map((r) => r.dataset.recordNumber!);
    });
    const reading = visible[Math.floor(visible.length / 2)]!;
    const row = page.locator(`[role=row][data-record-number="${reading}"]`);
    await row.click();
    await expect.poll(() => selectedNumber(page)).toBe(reading);
    const topBefore = (await row.boundingBox())!.y;
    const rowsBefore = Number(await grid.getAttribute('aria-rowcount'));

    const res = await server.staff('/api/v1/records', { method: 'POST', body: JSON.stringify({ ...server.seeded.records[1], id: crypto.randomUUID().replace(/^(.{14})./, '$17'), problem: 'Arrives while scrolled down', recordedAt: '2025-09-29T04:00:00.000Z' }) });
    expect(res.status).toBe(201);
    await expect.poll(() => grid.getAttribute('aria-rowcount'), { timeout: 20_000 }).toBe(String(rowsBefore + 1));
    // The new row went on top, out of view; the row being read has not moved and is still selected.
    await expect.poll(async () => Math.round((await row.boundingBox())!.y)).toBe(Math.round(topBefore));
    expect(await selectedNumber(page)).toBe(reading);
    expect(await grid.evaluate((el) => el.scrollTop)).toBeGreaterThan(240);
  });

  it('shows script tags, event handlers and markup in record texts as text, in the queue and on the record page', async () => {
    const page = await newPage();
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.locator('#queue-search').fill('evil');
    const row = page.locator('[role=row][data-record-number]').first();
    await expect.poll(() => row.locator('.cell-problem').textContent()).toContain('<script>window.__xss=1</script><img src=x');
    expect(await row.locator('.cell-customer').textContent()).toBe('<b>bold</b>');
    await row.click();
    await page.keyboard.press('Enter');
    await page.locator('#record-title').waitFor();
    expect(await page.locator('.prose').first().textContent()).toBe(HOSTILE);
    expect(await page.locator('main img, main svg, main script, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('creates an API token shown once with a copy button, which works until revoked', async () => {
    const page = await newPage({ locale: 'en' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, server.url, server.seeded.reviewer.email);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Account and API tokens' }).click();
    await page.locator('#account-title').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Chrome on laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^ebx_/);
    expect(await page.getByText(`enter the server address ${server.url}`).count()).toBe(1);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const me = () => fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await me()).toBe(200);

    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke token Chrome on laptop' }).click();
    await page.getByRole('cell', { name: 'Revoked' }).waitFor();
    expect(await me()).toBe(401);
  });

  it('changes the password, signs out, and signs in only with the new one', async () => {
    const page = await newPage();
    const email = server.seeded.changer.email;
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/account`);
    await page.locator('#pw-current').fill('not the password');
    await page.locator('#pw-next').fill('a new passphrase for chen');
    await page.locator('#pw-repeat').fill('a new passphrase for chen');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确。没有任何内容被修改。').waitFor();
    await page.locator('#pw-current').fill(CONSOLE_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();

    await page.getByRole('button', { name: /账户菜单/ }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('#email').waitFor();
    expect(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status))).toBe(401);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(CONSOLE_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByText('邮箱或密码不正确。').waitFor();
    await signIn(page, server.url, email, 'a new passphrase for chen');
  });

  it('has no axe-core violations on sign-in and queue, in both languages, light and dark', async () => {
    // One sign-in for all four looks: sign-ins are limited per client network and minute.
    let session: Awaited<ReturnType<BrowserContext['cookies']>> | undefined;
    for (const locale of ['zh-CN', 'en']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await newPage({ locale, colorScheme });
        await page.goto(`${server.url}/`);
        await page.locator('#email').waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        expect(await axe(page), `sign-in ${locale} ${colorScheme}`).toEqual([]);
        if (session) {
          await page.context().addCookies(session);
          await page.goto(`${server.url}/`);
        } else {
          await signIn(page, server.url, server.seeded.reviewer.email);
          session = await page.context().cookies();
        }
        await page.locator('[role=row][data-record-number]').first().waitFor();
        expect(await axe(page), `queue ${locale} ${colorScheme}`).toEqual([]);
        await page.context().close();
      }
    }
  });

  it('remembers the language and theme chosen with the switches', async () => {
    const page = await newPage({ locale: 'zh-CN', colorScheme: 'light' });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Switch theme/ }).click(); // system -> light
    await page.getByRole('button', { name: /Switch theme/ }).click(); // light -> dark
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});
