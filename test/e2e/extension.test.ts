import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../server/db/open';
import { createToken, createUser } from '../../server/store/users';
import { freePort, startServer, type ServerProcess } from '../server/support/server-process';
import {
  ROOT,
  buildExtension,
  grantHostPermission,
  launchWithExtension,
  pressToolbarButton,
  serveFixtures,
  type ExtensionBrowser,
} from './support/extension-browser';

/*
 * Acceptance (issue 5): the BUILT extension in Debian Chromium, headless. The side panel is driven
 * as a tab at chrome-extension://<id>/sidepanel.html (the same page the side panel shows; a real side
 * panel cannot be reached by automation), the toolbar button through CDP Extensions.triggerAction
 * (grants activeTab like a click), and the one permission prompt (the server origin) is answered in
 * the closed profile, since headless Chromium cannot show it.
 */

const SELECTION = '你好，我们在报表模块点击“导出”按钮之后一直没有反应，等了一分钟也没有下载。';

async function badge(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
}

/** Read the pixel at (x, y) of a PNG in a real browser page (no PNG decoder in Node). */
async function pixelAt(page: Page, png: Buffer, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    async ({ b64, x, y }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return Array.from(ctx.getImageData(x, y, 1, 1).data);
    },
    { b64: png.toString('base64'), x, y },
  );
}

describe('extension: clip a Zendesk ticket offline, sync after a browser restart', () => {
  let dir: string;
  let profile: string;
  let extensionDir: string;
  let fixtures: Awaited<ReturnType<typeof serveFixtures>>;
  let server: ServerProcess | undefined;
  let browser: ExtensionBrowser | undefined;
  let agentToken: string;
  let adminToken: string;
  let serverPort: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'echobox-ext-e2e-'));
    profile = join(dir, 'profile');
    extensionDir = await buildExtension();
    fixtures = await serveFixtures(join(ROOT, 'test', 'fixtures', 'helpdesk'));
    // The store is prepared before the server ever runs: an agent (the extension's user) and an admin (the check).
    await mkdir(join(dir, 'data'), { recursive: true });
    const database = await openDatabase({ dataDir: join(dir, 'data', 'pglite') });
    const agent = await createUser(database.db, { email: 'li.kefu@example.com', name: '李客服', role: 'agent', department: 'CS' });
    const admin = await createUser(database.db, { email: 'admin@example.com', name: 'Admin', role: 'admin', department: 'CS' });
    agentToken = (await createToken(database.db, agent.id, 'extension')).token;
    adminToken = (await createToken(database.db, admin.id, 'check')).token;
    await database.close();
    serverPort = await freePort();
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await fixtures?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('queues the record while the server is down and syncs it exactly once after a restart', async () => {
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    // Zendesk's host resolves to the fixture server, so the page has its real URL shape.
    const hostRules = ['--host-resolver-rules=MAP acme.zendesk.com 127.0.0.1'];

    // First start: the extension installs; the person then allows the server origin (see above).
    browser = await launchWithExtension(profile, extensionDir, hostRules);
    const extensionId = browser.extensionId;
    await browser.close();
    await grantHostPermission(profile, extensionId, 'http://127.0.0.1/*');

    browser = await launchWithExtension(profile, extensionDir, hostRules);
    expect(browser.extensionId).toBe(extensionId);

    // Options: server (down for now), token, department, name, language.
    const options = await browser.openPage('options.html');
    await options.fill('input[name=serverUrl]', serverUrl);
    await options.fill('input[name=token]', agentToken);
    await options.fill('input[name=department]', 'cs');
    await options.fill('input[name=initiatorName]', '李客服');
    await options.selectOption('select[name=locale]', 'en');
    await options.click('[data-testid=save-options]');
    await options.waitForSelector('[data-testid=options-saved]');
    // The connection check says the server is unreachable, and the options are kept.
    await options.waitForSelector('[data-testid=check-result][data-state=failed]');
    await options.close();

    // The side panel is open beside the ticket, as it is for an agent at work. (Opened as a tab, it must be open
    // before the click: a tab opened after it would be the visible tab when the screenshot is taken.)
    const panel = await browser.openPage('sidepanel.html');

    // The ticket, with the customer's first message selected, clipped with the toolbar button.
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

    // The draft shows up in the panel once the clip (screenshot included) is stored; then the agent turns to it.
    await panel.waitForSelector('[data-testid=draft]', { timeout: 20_000 });
    await panel.bringToFront();
    await expect.poll(() => panel.inputValue('textarea[name=problem]')).toBe(SELECTION);
    expect(await panel.textContent('[data-testid=clip-ticket]')).toContain('#48213');
    expect(await panel.textContent('[data-testid=clip-ticket]')).toContain('*先生');

    // Redaction: black out the top-left corner of the screenshot and burn it in.
    const surface = panel.locator('[data-testid=redaction-surface] img');
    await surface.waitFor();
    const box = (await surface.boundingBox())!;
    await panel.mouse.move(box.x + 2, box.y + 2);
    await panel.mouse.down();
    await panel.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2, { steps: 5 });
    await panel.mouse.up();
    await panel.getByRole('button', { name: 'Apply redaction' }).click();
    await panel.getByText('Redaction burned into the image.').waitFor();

    await panel.selectOption('select[name=category]', 'product_defect');
    await panel.fill('textarea[name=scenario]', 'Reports module, after pressing Export');
    await panel.click('[data-testid=save-record]');
    await panel.waitForSelector('[data-testid=record-list] li[data-state=queued]');
    const recordId = (await panel.getAttribute('[data-testid=record-list] li', 'data-record-id'))!;
    await expect.poll(() => badge(browser!), { timeout: 10_000 }).toBe('1');

    // Browser restart (same profile), then the server comes up.
    await browser.close();
    browser = await launchWithExtension(profile, extensionDir, hostRules);
    await expect.poll(() => badge(browser!), { timeout: 10_000 }).toBe('1');
    server = await startServer({ dataDir: join(dir, 'data') }, { port: serverPort });

    const after = await browser.openPage('sidepanel.html');
    const synced = after.locator(`[data-record-id="${recordId}"][data-state=synced]`);
    await synced.waitFor({ timeout: 60_000 });
    const shown = await synced.textContent();
    const number = /CS-\d{8}-\d{3}/.exec(shown ?? '')?.[0];
    expect(number).toBeDefined();
    await expect.poll(() => badge(browser!), { timeout: 10_000 }).toBe('');
    // Its current status, from the changes feed, so the agent can tell the customer.
    await after.locator(`[data-record-id="${recordId}"] [data-testid=record-status]`).getByText('Pending analysis').waitFor({ timeout: 20_000 });

    // The staff API has it exactly once, with its screenshot and the masked requester.
    const staff = { authorization: `Bearer ${adminToken}` };
    const list = (await (await fetch(`${server.url}/api/v1/records?limit=50`, { headers: staff })).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toEqual([recordId]);
    const { record } = (await (await fetch(`${server.url}/api/v1/records/${recordId}`, { headers: staff })).json()) as {
      record: {
        recordNumber: string;
        problem: string;
        customerName?: string;
        attachments: Array<{ sha256?: string; mimeType: string }>;
        origin: { kind: string; clip: { ticket?: { requester?: string; ticketId?: string; messages: Array<{ text: string }> }; page: { selection?: string } } };
      };
    };
    expect(record.recordNumber).toBe(number);
    expect(record.problem).toBe(SELECTION);
    expect(record.origin.kind).toBe('extension');
    expect(record.origin.clip.ticket?.ticketId).toBe('48213');
    expect(record.origin.clip.ticket?.requester).toBe('*先生');
    expect(record.customerName).toBe('*先生');
    expect(JSON.stringify(record)).not.toContain('13812345678');
    expect(record.attachments).toHaveLength(1);
    const sha = record.attachments[0]!.sha256!;
    const image = await fetch(`${server.url}/api/v1/attachments/${sha}`, { headers: staff });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await image.arrayBuffer());
    // The redacted corner is black in the stored file itself.
    expect(await pixelAt(after, png, 5, 5)).toEqual([0, 0, 0, 255]);
  });
});
