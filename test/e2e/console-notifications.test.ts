import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { axe } from './support/axe';
import type { EchoboxServer } from './support/echobox-server';
import { consoleUser, signIn } from './support/console-page';
import { startConsole, type ConsoleSuite } from './support/console-suite';
import { startReceiver } from '../server/support/http-receiver';
import { WebhookEvent } from '../../shared/schemas/webhook';

/*
 * Administration → Notifications against the real server in Chromium. An admin adds a Standard
 * Webhooks endpoint pointing at a local receiver that verifies every delivery's signature with the
 * `standardwebhooks` library, copies the secret shown once, sends a test event and sees it
 * delivered in the endpoint's log. The admin edits a customer e-mail template and sees the preview
 * follow, a refused template's field error, and reset to the default. axe-core in both languages.
 */


describe('console administration: notifications', () => {
  let suite: ConsoleSuite<{ admin: { email: string } }>;
  let server: EchoboxServer & { seeded: { admin: { email: string } } };
  /** The secret the console showed once; the receiver verifies with it (nothing verifies before it is known). */
  let secret: string | null = null;
  const verified: WebhookEvent[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  async function newPage(locale: string): Promise<Page> {
    const page = await suite.newPage({ locale, viewport: { width: 1280, height: 900 } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    return page;
  }

  beforeAll(async () => {
    receiver = await startReceiver((req) => {
      if (!secret) return { status: 503 };
      try {
        verified.push(WebhookEvent.parse(new Webhook(secret).verify(req.body, req.headers as Record<string, string>)));
        return { status: 204 };
      } catch {
        return { status: 401 };
      }
    });
    suite = await startConsole({
      env: { ECHOBOX_WEBHOOK_ALLOW_PRIVATE: '1', ECHOBOX_JOB_POLL_MS: '200' },
      seed: async (tools) => ({ admin: await consoleUser(tools, 'admin', '周敏') }),
    });
    server = suite.server;
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
    await receiver?.close();
  });

  it('adds a Standard Webhooks endpoint, sends a test event the receiver verifies, and sees it delivered in the log', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, server.url, server.seeded.admin.email);
    await page.goto(`${server.url}/admin/notifications`);
    await page.locator('#webhooks-title').waitFor();
    // Without ECHOBOX_SMTP_URL the page says nothing is e-mailed.
    await expect.poll(() => page.getByTestId('mail-setup').textContent()).toContain('待手动发送');

    await page.getByRole('button', { name: '添加端点' }).click();
    await page.locator('#webhook-name').fill('运维');
    // A refused URL is shown at its field.
    await page.locator('#webhook-url').fill('ftp://example.com/hook');
    await page.locator('#webhook-dialog-title').locator('..').getByRole('button', { name: '添加端点' }).click();
    await page.locator('#webhook-url-error').waitFor();
    expect(await page.locator('#webhook-url').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#webhook-url').fill(`${receiver.url}/echobox`);
    await page.getByRole('checkbox', { name: '需求已筛选' }).check();
    await page.locator('#webhook-dialog-title').locator('..').getByRole('button', { name: '添加端点' }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: '复制签名密钥' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('button', { name: '完成,已转交' }).click();
    await shown.waitFor({ state: 'detached' });
    // Nothing in the list or the API shows the secret again.
    expect(await page.locator('body').textContent()).not.toContain(secret);

    const item = page.locator('[data-webhook="运维"]');
    expect(await item.textContent()).toContain('需求已筛选');
    await page.getByRole('button', { name: '向 运维 发送测试事件' }).click();
    await page.getByText('已为 运维 排队测试事件').waitFor();
    await expect.poll(() => verified.length, { timeout: 20_000 }).toBe(1);
    expect(verified[0]!.type).toBe('webhook.test');

    await page.getByRole('button', { name: '运维 的投递日志' }).click();
    const log = page.getByTestId('webhook-log');
    await log.waitFor();
    await expect
      .poll(async () => {
        await log.getByRole('button', { name: '刷新' }).click();
        return log.locator('tr[data-outcome="delivered"][data-event="webhook.test"]').count();
      })
      .toBe(1);
    expect(await log.locator('tbody tr').first().textContent()).toContain('已送达');
    expect(await log.locator('tbody tr').first().textContent()).toContain('204');

    // Paused, it cannot be tested; removed (after confirming), it is gone.
    await page.getByRole('button', { name: '暂停 运维' }).click();
    await item.getByText('已暂停').waitFor();
    expect(await page.getByRole('button', { name: '向 运维 发送测试事件' }).isDisabled()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '删除 运维' }).click();
    await page.getByRole('button', { name: '删除端点' }).click();
    await item.waitFor({ state: 'detached' });
  });

  it('edits a customer e-mail template with a live preview, shows a refused field, and resets to the default', async () => {
    const page = await newPage('en');
    await signIn(page, server.url, server.seeded.admin.email);
    await page.goto(`${server.url}/admin/notifications`);
    await page.locator('#templates-title').waitFor();
    await page.locator('#template-kind').selectOption('done');
    await page.locator('#template-locale').selectOption('en');
    await expect.poll(() => page.locator('#template-subject').inputValue()).toBe('[{recordNumber}] Your feedback has been handled');
    expect(await page.getByTestId('template-state').textContent()).toBe('Default wording');

    await page.locator('#template-subject').fill('Acme: {recordNumber} is done');
    await page.locator('#template-body').fill('Dear customer,\n{message}\nRate us: {statusUrl}');
    expect(await page.getByTestId('preview-subject').textContent()).toBe('Acme: CS-20261204-007 is done');
    const body = await page.getByTestId('preview-body').textContent();
    expect(body).toContain('We have released the export you asked for in version 2.4.');
    // The link starts with the public URL the server reports (ECHOBOX_PUBLIC_URL, here its default).
    expect(body).toContain(`Rate us: http://localhost:${server.port}/status/`);

    // The server refuses a subject without the record number: the error sits at the subject.
    await page.locator('#template-subject').fill('Acme: done');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#template-subject-error').waitFor();
    expect(await page.locator('#template-subject').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#template-subject').fill('Acme: {recordNumber} is done');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByTestId('template-state').textContent()).toBe('Your own wording');
    const stored = (await server.staffJson('/api/v1/message-templates')) as { items: Array<{ kind: string; locale: string; subject: string }> };
    expect(stored.items.find((i) => i.kind === 'done' && i.locale === 'en')?.subject).toBe('Acme: {recordNumber} is done');
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reset to default' }).click();
    await page.getByText('The default applies again.').waitFor();
    expect(await page.locator('#template-subject').inputValue()).toBe('[{recordNumber}] Your feedback has been handled');
  });
});
