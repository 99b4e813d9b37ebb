import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import { startSmtpSink } from './support/smtp-sink';
import { MailSettings } from '../../shared/schemas/mail-settings';
import type { Database } from '../../server/db/open';
import { DEFAULT_CONFIG, type AppConfig } from '../../server/context';
import { keyRingOf } from '../../server/contacts/key-ring';
import { deliverCustomerMessage } from '../../server/messages/deliver';
import { createMailer, type Mailer } from '../../server/notifications/mailer';
import { COMMUNICATION_KINDS } from '../../shared/schemas/codes';
import type { CustomerMessage } from '../../shared/schemas/message';

/*
 * E-mails to customers (DOMAIN.md §8) through a real SMTP server (smtp-server): each communication
 * to a customer who left an e-mail address with consent is queued, delivered once in the customer's
 * language from the company's template, with the record number in the subject and a signed link to
 * the status page. Without SMTP nothing pretends to be sent.
 */

const PUBLIC_URL = 'https://feedback.example.com';
const KEYS = keyRingOf([randomBytes(32)]);
const MESSAGES: Record<(typeof COMMUNICATION_KINDS)[number], string> = {
  adopted: '导出功能将支持 Excel 格式',
  not_adopted: '该需求超出产品定位',
  defect_progress: '已定位原因,修复版本 10 月 15 日发布',
  done: '导出按钮问题已修复',
  second_contact: '我们已安排专人重新处理',
  release_follow_up: '2.4 版本已发布',
};

describe.each(TEST_STORES)('customer e-mails on $name', (store) => {
  let database: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    database = await store.open();
    sink = await startSmtpSink({ reject: /^nobody@/ });
  });
  const mailers: Mailer[] = [];
  afterAll(async () => {
    for (const mailer of mailers) mailer.close();
    await sink?.close();
    await database?.close();
  });

  const setup = async (mail: Partial<AppConfig['mail']> = {}) => {
    const config: Partial<AppConfig> = {
      contactKeys: KEYS,
      mail: { smtpUrl: sink.url, from: 'Echobox <care@example.com>', publicUrl: PUBLIC_URL, statusLinkDays: 30, ...mail },
    };
    const t = testApp(database, { config });
    const agent = await staff(database, 'agent');
    const reviewer = await staff(database, 'reviewer');
    const admin = await staff(database, 'admin', 'ADMIN');
    const mailer = config.mail?.smtpUrl ? createMailer(config.mail.smtpUrl, config.mail.from) : undefined;
    if (mailer) mailers.push(mailer);
    const deps = { db: database.db, now: () => t.clock.now, config: { ...DEFAULT_CONFIG, ...config }, mailer };
    /** A record whose customer consented to e-mail at `email`, written to in `locale`. */
    const customer = async (email: string | undefined, locale: 'zh-CN' | 'en') => {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput(), agent.auth));
      const { record } = (await res.json()) as { record: { id: string; recordNumber: string } };
      if (email) {
        const put = await t.app.request(`/api/v1/contacts/${record.id}`, json('PUT', { consent: true, contact: { email }, locale }, agent.auth));
        expect(put.status).toBe(204);
      }
      return record;
    };
    const tell = async (recordId: string, kind: string, message: string) => {
      const res = await t.app.request(
        `/api/v1/records/${recordId}/communications`,
        json('POST', { kind, message, ...(kind === 'adopted' ? { expectedVersion: '2.4' } : {}) }, reviewer.auth),
      );
      expect(res.status).toBe(200);
    };
    const messages = async (recordId: string) =>
      ((await (await t.app.request(`/api/v1/customer-messages?record=${recordId}`, { headers: agent.auth })).json()) as { items: CustomerMessage[] }).items;
    return { ...t, agent, reviewer, admin, deps, customer, tell, messages };
  };

  it('sends each §8 message once, in the customer’s language, with the record number in the subject and a working status link', async () => {
    const t = await setup();
    for (const [locale, email] of [['zh-CN', 'zhang.san@example.com'], ['en', 'Jane.Doe@Example.com']] as const) {
      const record = await t.customer(email, locale);
      for (const kind of COMMUNICATION_KINDS) {
        const before = sink.mails.length;
        await t.tell(record.id, kind, MESSAGES[kind]);
        const [queued] = (await t.messages(record.id)).filter((m) => m.kind === kind);
        expect(queued).toMatchObject({ state: 'queued', locale, reason: null });
        expect(await deliverCustomerMessage(t.deps, queued!.id)).toBe('sent');
        // Delivering again sends nothing: the message is already sent.
        expect(await deliverCustomerMessage(t.deps, queued!.id)).toBe('sent');
        const mails = await sink.waitFor(before + 1);
        expect(mails).toHaveLength(before + 1);
        const mail = mails.at(-1)!;
        // The domain of an address is case-insensitive; SMTP clients send it in lower case.
        expect(mail.to.map((a) => a.toLowerCase())).toEqual([email.toLowerCase()]);
        expect(mail.subject).toContain(record.recordNumber);
        expect(mail.text).toContain(MESSAGES[kind]);
        expect(mail.text).toMatch(locale === 'zh-CN' ? /您好/ : /Hello/);
        if (kind === 'adopted') expect(mail.text).toContain(locale === 'zh-CN' ? '预计 2.4 版本上线' : 'expected in version 2.4');
        const link = /https:\/\/feedback\.example\.com(\/status\/\S+)/.exec(mail.text)?.[1];
        expect(link).toBeDefined();
        const page = await t.app.request(link!);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain(record.recordNumber);
        expect(html).toContain(`<html lang="${locale}">`);
        expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
      const shown = await t.messages(record.id);
      expect(shown.map((m) => [m.kind, m.state, m.attempts])).toEqual(COMMUNICATION_KINDS.map((k) => [k, 'sent', 1]));
      expect(shown.every((m) => m.subject?.includes(record.recordNumber) && m.sentAt !== null)).toBe(true);
      expect(JSON.stringify(shown).toLowerCase()).not.toContain(email.toLowerCase());
    }
  });

  it('sends a burst of messages over one pooled connection, each with a stable Message-ID', async () => {
    const t = await setup();
    const connectionsBefore = sink.connections();
    const before = sink.mails.length;
    for (let i = 0; i < 5; i++) {
      const record = await t.customer(`burst.${i}@example.com`, 'en');
      await t.tell(record.id, 'done', 'Fixed in 2.4');
      const [queued] = await t.messages(record.id);
      expect(await deliverCustomerMessage(t.deps, queued!.id)).toBe('sent');
      expect((await sink.waitFor(before + i + 1)).at(-1)!.headers['message-id']).toBe(`<customer-message.${queued!.id}@echobox>`);
    }
    // A transport per message would open five connections.
    expect(sink.connections() - connectionsBefore).toBe(1);
  });

  it('sends a message two deliverers race for exactly once', async () => {
    const t = await setup();
    const record = await t.customer('race@example.com', 'en');
    await t.tell(record.id, 'done', 'Fixed in 2.4');
    const [queued] = await t.messages(record.id);
    const before = sink.mails.length;
    const states = await Promise.all([deliverCustomerMessage(t.deps, queued!.id), deliverCustomerMessage(t.deps, queued!.id)]);
    expect(states).toContain('sent');
    await sink.waitFor(before + 1);
    expect((await t.messages(record.id))[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect(sink.mails.filter((m) => m.to.includes('race@example.com'))).toHaveLength(1);
  });

  it('keeps messages "to send by hand" when no SMTP server is configured, and sends nothing', async () => {
    const t = await setup({ smtpUrl: null });
    const record = await t.customer('by.hand@example.com', 'zh-CN');
    await t.tell(record.id, 'done', '已修复');
    const [message] = await t.messages(record.id);
    expect(message).toMatchObject({ state: 'manual', reason: 'smtp_not_configured', sentAt: null });
    const before = sink.mails.length;
    expect(await deliverCustomerMessage(t.deps, message!.id)).toBe('manual');
    expect(sink.mails).toHaveLength(before);
  });

  it('records a refused delivery as failed with a reason that names no address, and sends it again on retry', async () => {
    const t = await setup();
    const record = await t.customer('nobody@example.com', 'en');
    await t.tell(record.id, 'done', 'Fixed in 2.4');
    const [queued] = await t.messages(record.id);
    expect(await deliverCustomerMessage(t.deps, queued!.id)).toBe('failed');
    const [failed] = await t.messages(record.id);
    expect(failed!.state).toBe('failed');
    expect(failed!.reason).toMatch(/550/);
    expect(failed!.reason).not.toContain('nobody@example.com');
    const retried = await t.app.request(`/api/v1/customer-messages/${failed!.id}/retry`, { method: 'POST', headers: t.reviewer.auth });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as CustomerMessage).state).toBe('queued');
    expect((await t.app.request(`/api/v1/customer-messages/${failed!.id}/retry`, { method: 'POST', headers: t.reviewer.auth })).status).toBe(409);
  });

  it('tells admins how e-mail leaves (SMTP host, sender, public URL) and never the SMTP password', async () => {
    const withSmtp = await setup({ smtpUrl: 'smtp://mailer:s3cret-pass@smtp.example.com:2525' });
    const read = (t: typeof withSmtp, auth = t.admin.auth) => t.app.request('/api/v1/mail-settings', { headers: auth });
    expect((await read(withSmtp, withSmtp.reviewer.auth)).status).toBe(403);
    const res = await read(withSmtp);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('mailer');
    expect(MailSettings.parse(JSON.parse(text))).toEqual({
      smtpConfigured: true,
      smtpHost: 'smtp.example.com:2525',
      from: 'Echobox <care@example.com>',
      publicUrl: PUBLIC_URL,
      statusLinkDays: 30,
    });
    const withoutSmtp = await setup({ smtpUrl: null });
    expect(await (await read(withoutSmtp)).json()).toMatchObject({ smtpConfigured: false, smtpHost: null });
  });

  it('writes no e-mail for a customer who left no address', async () => {
    const t = await setup();
    const record = await t.customer(undefined, 'zh-CN');
    await t.tell(record.id, 'done', '已修复');
    expect(await t.messages(record.id)).toEqual([]);
  });

  it('lets admins word each kind and language, keeping the record number in the subject and the link in the body', async () => {
    const t = await setup();
    const put = (body: unknown, auth = t.admin.auth) => t.app.request('/api/v1/message-templates/done/en', json('PUT', body, auth));
    expect((await put({ subject: 'Done {recordNumber}', body: 'See {statusUrl}' }, t.reviewer.auth)).status).toBe(403);
    const noNumber = await put({ subject: 'Done', body: 'See {statusUrl}' });
    expect(noNumber.status).toBe(400);
    expect(((await noNumber.json()) as { errors: Array<{ path: unknown[] }> }).errors[0]?.path).toEqual(['subject']);
    expect((await put({ subject: 'Done {recordNumber}', body: 'See {statusUrl} {typo}' })).status).toBe(400);
    const stored = await put({ subject: 'Acme: {recordNumber} is done', body: 'Dear customer,\n{message}\nRate us: {statusUrl}' });
    expect(stored.status).toBe(200);
    // The default stays at hand beside the company's own wording, to compare with and go back to.
    expect(await stored.json()).toMatchObject({ kind: 'done', locale: 'en', custom: true, default: { subject: '[{recordNumber}] Your feedback has been handled' } });

    const record = await t.customer('templated@example.com', 'en');
    await t.tell(record.id, 'done', 'Fixed in 2.4');
    const [queued] = await t.messages(record.id);
    const before = sink.mails.length;
    await deliverCustomerMessage(t.deps, queued!.id);
    const mail = (await sink.waitFor(before + 1)).at(-1)!;
    expect(mail.subject).toBe(`Acme: ${record.recordNumber} is done`);
    expect(mail.text).toMatch(/^Dear customer,\nFixed in 2\.4\nRate us: https:\/\/feedback\.example\.com\/status\//);
    // Removing it brings the default back (and other tests' defaults are untouched).
    const reset = await t.app.request('/api/v1/message-templates/done/en', { method: 'DELETE', headers: t.admin.auth });
    expect(await reset.json()).toMatchObject({ custom: false, subject: '[{recordNumber}] Your feedback has been handled' });
  });
});
