import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../server/db/open';
import { createToken, createUser } from '../../server/store/users';
import { startServer, type ServerProcess } from '../server/support/server-process';
import { recordInput } from '../server/support/fixtures';
import type { RequesterEntry } from '../../shared/schemas/requester-entry';
import { ROOT, buildExtension, grantHostPermission, launchWithExtension, pressToolbarButton, serveFixtures, type ExtensionBrowser } from './support/extension-browser';

/*
 * Issue 14, "link as another requester": an agent (no reviewer rights) clips a Zendesk ticket with
 * the BUILT extension in Chromium, finds the request already recorded under "Already recorded?",
 * picks it with the keyboard and links the clip; the record then counts one more requester and
 * keeps the clip as that requester's entry, and no new record is made.
 */

describe('extension: link a clip to an existing record as another requester', () => {
  let dir: string;
  let profile: string;
  let extensionDir: string;
  let fixtures: Awaited<ReturnType<typeof serveFixtures>>;
  let server: ServerProcess | undefined;
  let browser: ExtensionBrowser | undefined;
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'echobox-ext-link-'));
    profile = join(dir, 'profile');
    extensionDir = await buildExtension();
    fixtures = await serveFixtures(join(ROOT, 'test', 'fixtures', 'helpdesk'));
    await mkdir(join(dir, 'data'), { recursive: true });
    const database = await openDatabase({ dataDir: join(dir, 'data', 'pglite') });
    const agent = await createUser(database.db, { email: 'li.kefu@example.com', name: '李客服', role: 'agent', department: 'CS' });
    const admin = await createUser(database.db, { email: 'admin@example.com', name: 'Admin', role: 'admin', department: 'CS' });
    agentToken = (await createToken(database.db, agent.id, 'extension')).token;
    adminToken = (await createToken(database.db, admin.id, 'check')).token;
    await database.close();
    server = await startServer({ dataDir: join(dir, 'data') }, { env: { ECHOBOX_DEMO: '0' }, readyTimeoutMs: 120_000 });
    // The build and the server's first start (it builds widget and console) are slow on a loaded machine.
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await fixtures?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts one more requester on the record and keeps the clip as its entry', async () => {
    const staff = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const existingId = uuidv7();
    const created = await fetch(`${server!.url}/api/v1/records`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify(recordInput({ id: existingId, problem: '报表模块点击导出按钮后没有任何反应', recordedAt: new Date().toISOString() })),
    });
    expect(created.status).toBe(201);
    const existing = ((await created.json()) as { record: { recordNumber: string } }).record;

    const hostRules = ['--host-resolver-rules=MAP acme.zendesk.com 127.0.0.1'];
    browser = await launchWithExtension(profile, extensionDir, hostRules);
    const extensionId = browser.extensionId;
    await browser.close();
    await grantHostPermission(profile, extensionId, 'http://127.0.0.1/*');
    browser = await launchWithExtension(profile, extensionDir, hostRules);

    const options = await browser.openPage('options.html');
    await options.fill('input[name=serverUrl]', server!.url);
    await options.fill('input[name=token]', agentToken);
    await options.fill('input[name=department]', 'cs');
    await options.fill('input[name=initiatorName]', '李客服');
    await options.selectOption('select[name=locale]', 'en');
    await options.click('[data-testid=save-options]');
    await options.waitForSelector('[data-testid=check-result][data-state=ok]', { timeout: 20_000 });
    await options.close();

    const panel = await browser.openPage('sidepanel.html');
    const ticket = await browser.context.newPage();
    await ticket.goto(`http://acme.zendesk.com:${fixtures.port}/agent/tickets/48213`);
    await ticket.evaluate(() => {
      const message = document.querySelector('[data-test-id="omni-log-item-message"][type="end-user"] p')!;
      const range = document.createRange();
      range.selectNodeContents(message);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await pressToolbarButton(browser, ticket);
    await panel.waitForSelector('[data-testid=draft]', { timeout: 20_000 });
    await panel.bringToFront();
    const draftId = (await panel.getAttribute('[data-testid=draft]', 'data-draft-id'))!;

    // "Already recorded?": the agent searches, moves to the record with the keyboard and confirms.
    await panel.getByRole('searchbox', { name: 'Search records by words or record number' }).fill('导出');
    await panel.keyboard.press('Enter');
    const choice = panel.locator('[data-testid=link-choice]', { hasText: existing.recordNumber });
    await choice.waitFor({ timeout: 20_000 });
    expect(await choice.textContent()).toContain('asked by 1');
    await choice.locator('input[type=radio]').focus();
    await panel.keyboard.press('Space');
    await panel.getByRole('button', { name: `Link to ${existing.recordNumber} as another requester` }).click();

    // The draft became "linked to <number>", with its record's page in the console.
    const row = panel.locator('[data-testid=link-row][data-state=synced]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(`Linked to ${existing.recordNumber}`);
    expect(await row.locator('[data-testid=link-open]').getAttribute('href')).toBe(`${server!.url}/records/${existing.recordNumber}`);
    expect(await panel.locator('[data-testid=draft]').count()).toBe(0);

    // The record counts one more requester and keeps the clip as that requester's entry; no record was added.
    const list = (await (await fetch(`${server!.url}/api/v1/records?includeMerged=true`, { headers: staff })).json()) as { items: Array<{ id: string; askedBy: number }> };
    expect(list.items.map((i) => [i.id, i.askedBy])).toEqual([[existingId, 2]]);
    const { record } = (await (await fetch(`${server!.url}/api/v1/records/${existingId}`, { headers: staff })).json()) as { record: { requesters: RequesterEntry[] } };
    expect(record.requesters).toHaveLength(1);
    const [entry] = record.requesters;
    expect(entry).toMatchObject({ id: draftId, customerName: '*先生', channel: 'ticket', linkedBy: { name: '李客服' }, page: { ticketId: '48213', system: 'zendesk' } });
    expect(entry!.excerpt).toContain('导出');
    expect(JSON.stringify(entry)).not.toContain('13812345678');
  }, 240_000);
});
