import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { freePort } from '../server/support/server-process';
import { startSmtpSink } from '../server/support/smtp-sink';
import { dissatisfiedFollowUpDue } from '../../shared/domain/deadlines';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';

/*
 * Closing the loop outward, end to end: the real server e-mails the customer through a real SMTP
 * server (smtp-server) when staff tell them the result; in Chromium the customer follows the link
 * from that e-mail, sees the progress without signing in, rates 不满意, and the record is reopened
 * with the follow-up due 3 working days after the rating (DOMAIN.md §8, §12, §13).
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL = 'zhang.san@example.com';

describe('status page', () => {
  let server: EchoboxServer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let browser: Browser;
  beforeAll(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    server = await startEchobox({
      port,
      env: {
        ECHOBOX_SMTP_URL: sink.url,
        ECHOBOX_MAIL_FROM: 'Echobox <care@example.com>',
        ECHOBOX_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ECHOBOX_SECRET_KEY: randomBytes(32).toString('base64'),
        ECHOBOX_DEMO: '0',
      },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await sink?.close();
  });

  it('follows the e-mailed link, shows the progress, and 不满意 reopens the record with the follow-up due', { timeout: 120_000 }, async () => {
    const send = async (path: string, body: unknown, method = 'POST') => {
      const res = await server.staff(path, { method, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : ((await res.json()) as { record: { id: string; recordNumber: string } });
    };
    const me = await server.staffJson<{ user: { id: string } }>('/api/v1/auth/me');
    const id = uuidv7();
    const created = await send('/api/v1/records', {
      id,
      department: 'CS',
      source: 'customer_service',
      channel: 'ticket',
      contact: '138****5678',
      contactConsent: true,
      category: 'product_defect',
      problem: '导出报表时点击导出按钮没有反应',
      attachments: [],
      initiator: { name: '李客服' },
      recordedAt: new Date().toISOString(),
      origin: { kind: 'manual' },
    });
    const recordNumber = created!.record.recordNumber;
    await send(`/api/v1/contacts/${id}`, { consent: true, contact: { email: EMAIL, phone: '13812345678' }, locale: 'zh-CN' }, 'PUT');
    await send(`/api/v1/records/${id}/transitions`, { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await send(`/api/v1/records/${id}/transitions`, { type: 'start', ownerId: me.user.id });
    await send(`/api/v1/records/${id}/progress`, { milestone: 'development_testing', note: '内部:定位到导出服务超时' });
    await send(`/api/v1/records/${id}/transitions`, { type: 'complete', result: '导出按钮问题已修复' });
    await send(`/api/v1/records/${id}/communications`, { kind: 'done', message: '导出按钮问题已在 2.4 版本修复' });

    // The server sends it right after it is queued.
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([EMAIL]);
    expect(mail!.subject).toContain(recordNumber);
    const link = new RegExp(`${server.url.replace(/[.]/g, '\\.')}/status/\\S+`).exec(mail!.text)?.[0];
    expect(link).toBeDefined();
    const messages = await server.staffJson<{ items: Array<{ state: string }> }>(`/api/v1/customer-messages?record=${id}`);
    expect(messages.items.map((m) => m.state)).toEqual(['sent']);

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      // The invalid-link page is a 404 on purpose; what must not happen is a CSP refusal.
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(link!);
    // The customer's language (zh-CN), whatever the browser prefers.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toContain(recordNumber);
    expect(await page.locator('.status').textContent()).toBe('已完成');
    expect(await page.locator('.milestones').textContent()).toContain('开发/测试');
    expect(await page.locator('.told').textContent()).toContain('导出按钮问题已在 2.4 版本修复');
    expect(await page.content()).not.toContain('内部:定位到导出服务超时');

    await page.evaluate(AXE_SOURCE);
    const axe = await page.evaluate(() =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string }> }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    );
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await page.getByLabel('不满意').check();
    await page.getByLabel('还有什么想补充的吗?(选填)').fill('导出还是很慢');
    await Promise.all([page.waitForURL(/\/status\/[^/]+\?lang=zh-CN$/), page.getByRole('button', { name: '提交评价' }).click()]);
    await expect.poll(() => page.locator('.rated').textContent()).toContain('不满意');
    expect(await page.locator('.status').textContent()).toBe('处理中');
    expect(await page.locator('form').count()).toBe(0);

    const detail = await server.staffJson<{
      record: { status: string; cycle: number; satisfaction: Array<{ rating: string; comment?: string; at: string }> };
      obligations: Array<{ kind: string; dueAt: string; state: string }>;
    }>(`/api/v1/records/${id}`);
    expect(detail.record).toMatchObject({ status: 'in_progress', cycle: 2 });
    const rating = detail.record.satisfaction[0]!;
    expect(rating).toMatchObject({ rating: 'dissatisfied', comment: '导出还是很慢' });
    const due = dissatisfiedFollowUpDue(new Date(rating.at), CN_MAINLAND_CALENDAR);
    if (!due.ok) throw new Error(due.error.message);
    expect(detail.obligations.find((o) => o.kind === 'dissatisfied_follow_up')).toMatchObject({ dueAt: due.value.due.toISOString(), state: 'open' });

    // The language switch, and a link someone changed.
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.status').textContent()).toBe('In progress');
    await page.goto(`${link!.slice(0, -2)}xx`);
    expect(await page.locator('body').textContent()).toContain('此链接无法使用');
    expect(await page.locator('body').textContent()).toContain('This link cannot be used');
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
