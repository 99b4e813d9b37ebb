import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { ensureWidgetBuilt } from './support/widget-build';
import { nextSubmitted } from './support/widget-page';
import { freePort } from '../server/support/server-process';
import { startSmtpSink } from '../server/support/smtp-sink';

/*
 * A customer on the demo page leaves an e-mail address and ticks the consent box (issue 12): the
 * address reaches the vault with the record (a reviewer reads it through the audited route, the
 * record keeps the masked form), and when the team adopts the suggestion the customer gets the
 * "adopted" e-mail at that address through a real SMTP server (DOMAIN.md §8, §13).
 */

const EMAIL = 'Zhang.San@Example.com';

describe('widget: consented contact to the vault, then e-mail', () => {
  let server: EchoboxServer & { seeded: { reviewer: { id: string; token: string }; agent: { id: string; token: string } } };
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    sink = await startSmtpSink();
    const port = await freePort();
    [server, browser] = await Promise.all([
      startEchobox({
        port,
        seed: async (t) => ({ reviewer: await t.staffUser('reviewer', 'PM'), agent: await t.staffUser('agent', 'CS') }),
        env: {
          ECHOBOX_SMTP_URL: sink.url,
          ECHOBOX_MAIL_FROM: 'Echobox <care@example.com>',
          ECHOBOX_PUBLIC_URL: `http://127.0.0.1:${port}`,
          ECHOBOX_SECRET_KEY: randomBytes(32).toString('base64'),
        },
      }),
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await sink?.close();
  });

  const as = (token: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('stores the typed e-mail in the vault with the record and later e-mails the customer there', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const submitted = await nextSubmitted(page);
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog', { name: '意见反馈' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: '功能需求' }).check();
    await dialog.getByLabel('问题描述').fill('报表页面导出时只能导出当前页,希望点击导出后可以导出全部数据');
    await dialog.getByLabel('联系方式(选填)').fill(EMAIL);
    await dialog.getByRole('checkbox', { name: /我同意记录我的联系方式/ }).check();
    await dialog.getByRole('button', { name: '提交' }).click();
    const { id, recordNumber } = await submitted();

    // Acknowledged: the widget's outbox keeps no unmasked copy on the device.
    const kept = await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      let text = '';
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(req.error);
          });
          text += JSON.stringify(all.filter((v) => !(v instanceof Blob)));
        }
        db.close();
      }
      return text;
    });
    expect(kept).toContain(id);
    expect(kept).not.toContain(EMAIL);
    await context.close();

    const { record } = await server.staffJson<{ record: Record<string, unknown> }>(`/api/v1/records/${id}`);
    expect(record).toMatchObject({ contact: '***@***', contactConsent: true });
    expect(JSON.stringify(record)).not.toContain('Example.com');
    // An agent may not read it back; a reviewer does, and the read is in the audit trail.
    expect((await as(server.seeded.agent.token, `/api/v1/contacts/${id}/read`)).status).toBe(403);
    const read = await as(server.seeded.reviewer.token, `/api/v1/contacts/${id}/read`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ recordId: id, contact: { email: EMAIL }, locale: 'zh-CN' });
    const { audit } = await server.staffJson<{ audit: Array<{ action: string; actor: { id: string | null } }> }>(`/api/v1/records/${id}`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['contact:store', 'contact:read']));
    expect(audit.find((a) => a.action === 'contact:read')?.actor.id).toBe(server.seeded.reviewer.id);

    for (const [step, body] of [
      ['transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }],
      ['transitions', { type: 'start', ownerId: server.seeded.reviewer.id }],
      ['communications', { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4' }],
    ] as const) {
      const res = await as(server.seeded.reviewer.token, `/api/v1/records/${id}/${step}`, body);
      expect(res.status, `${step}: ${await res.clone().text()}`).toBeLessThan(300);
    }
    const [mail] = await sink.waitFor(1);
    expect(mail!.to.map((to) => to.toLowerCase())).toEqual([EMAIL.toLowerCase()]);
    expect(mail!.subject).toContain(recordNumber);
    expect(mail!.text).toContain('您的建议已被收录,预计 2.4 版本上线');
  });
});
