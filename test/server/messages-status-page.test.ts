import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { keyRingOf } from '../../server/contacts/key-ring';
import { issueStatusLink } from '../../server/status-page/links';

/*
 * The customer's status page (DOMAIN.md §13): a signed, expiring, revocable link, no sign-in;
 * record text is escaped under a strict CSP; the satisfaction answer feeds the rating rule and
 * 不满意 reopens the record with the follow-up due 3 working days after the rating.
 */

const INVALID_ZH = '此链接无法使用';
const INVALID_EN = 'This link cannot be used';

describe.each(TEST_STORES)('status page on $name', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  const setup = async () => {
    const t = testApp(database, { now: new Date('2025-09-30T10:00:00Z'), config: { contactKeys: keyRingOf([randomBytes(32)]) } });
    const reviewer = await staff(database, 'reviewer');
    const post = async (id: string, path: string, body: unknown) => {
      const res = await t.app.request(`/api/v1/records/${id}/${path}`, json('POST', body, reviewer.auth));
      expect(res.status).toBe(200);
    };
    const create = async () => {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth));
      return ((await res.json()) as { record: { id: string; recordNumber: string } }).record;
    };
    return { ...t, reviewer, post, create };
  };

  it('answers a tampered, expired or revoked link with one clear page in both languages', async () => {
    const t = await setup();
    const record = await t.create();
    const token = await issueStatusLink(database.db, record.id, t.clock.now, 30);
    expect((await t.app.request(`/status/${token}`)).status).toBe(200);

    const tampered = [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), token.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 86_400}.`), 'nonsense'];
    for (const bad of tampered) {
      const res = await t.app.request(`/status/${bad}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain(INVALID_ZH);
      expect(html).toContain(INVALID_EN);
      expect(html).not.toContain(record.recordNumber);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }

    t.clock.now = new Date('2025-10-30T10:00:01Z');
    const expired = await t.app.request(`/status/${token}`);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain(INVALID_EN);

    t.clock.now = new Date('2025-09-30T10:00:00Z');
    const fresh = await issueStatusLink(database.db, record.id, t.clock.now, 30);
    const revoke = await t.app.request(`/api/v1/status-links/${record.id}/revoke`, { method: 'POST', headers: t.reviewer.auth });
    expect(await revoke.json()).toEqual({ revoked: 2 });
    const revoked = await t.app.request(`/status/${fresh}`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toContain(INVALID_ZH);
  });

  it('shows progress and what the customer was told, escaped, in the customer’s language with a switch', async () => {
    const t = await setup();
    const record = await t.create();
    await t.app.request(`/api/v1/contacts/${record.id}`, json('PUT', { consent: true, contact: { email: 'a@example.com' }, locale: 'en' }, t.reviewer.auth));
    await t.post(record.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await t.post(record.id, 'transitions', { type: 'start', ownerId: t.reviewer.user.id });
    await t.post(record.id, 'progress', { milestone: 'development_testing', note: 'internal note for staff only' });
    await t.post(record.id, 'communications', { kind: 'adopted', message: 'Coming <script>alert(1)</script> & more', expectedVersion: '2.4' });
    const token = await issueStatusLink(database.db, record.id, t.clock.now, 30);

    const en = await (await t.app.request(`/status/${token}`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('In progress');
    expect(en).toContain('Development/testing');
    expect(en).toContain('Coming &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(en).not.toContain('<script>');
    expect(en).not.toContain('internal note for staff only');
    expect(en).not.toContain('<form');
    expect(en).toContain(`href="/status/${token}?lang=zh-CN"`);
    const zh = await (await t.app.request(`/status/${token}?lang=zh-CN`)).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('处理中');
    expect(zh).toContain('开发/测试');
  });

  it('asks for satisfaction when done; 不满意 reopens the record with the follow-up due 3 working days after the rating', async () => {
    const t = await setup();
    const record = await t.create();
    await t.post(record.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await t.post(record.id, 'transitions', { type: 'start', ownerId: t.reviewer.user.id });
    await t.post(record.id, 'transitions', { type: 'complete', result: '已修复' });
    await t.post(record.id, 'communications', { kind: 'done', message: '导出按钮问题已修复' });
    const token = await issueStatusLink(database.db, record.id, t.clock.now, 30);
    const page = await (await t.app.request(`/status/${token}?lang=zh-CN`)).text();
    for (const label of ['满意', '基本满意', '不满意']) expect(page).toContain(label);

    // 2025-09-30 19:00 in Shanghai: DOMAIN.md §11's worked example counts Oct 9, 10 and 11 (a make-up working day).
    t.clock.now = new Date('2025-09-30T11:00:00Z');
    const form = new URLSearchParams({ rating: 'dissatisfied', comment: '还是很慢' });
    const rated = await t.app.request(`/status/${token}/rating?lang=zh-CN`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(rated.status).toBe(303);
    expect(rated.headers.get('location')).toBe(`/status/${token}?lang=zh-CN`);

    const detail = (await (await t.app.request(`/api/v1/records/${record.id}`, { headers: t.reviewer.auth })).json()) as {
      record: { status: string; cycle: number; satisfaction: Array<{ rating: string; comment?: string; cycle: number }> };
      obligations: Array<{ kind: string; dueAt: string; state: string }>;
    };
    expect(detail.record).toMatchObject({ status: 'in_progress', cycle: 2, satisfaction: [{ rating: 'dissatisfied', comment: '还是很慢', cycle: 1 }] });
    expect(detail.obligations.find((o) => o.kind === 'dissatisfied_follow_up')).toMatchObject({ dueAt: '2025-10-11T15:59:59.999Z', state: 'open' });

    const after = await (await t.app.request(`/status/${token}?lang=zh-CN`)).text();
    expect(after).not.toContain('<form');
    expect(after).toContain('处理中');
    expect(after).toContain('您的评价:不满意');
    // Sending the form again changes nothing: the cycle it rated is over.
    await t.app.request(`/status/${token}/rating`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const again = (await (await t.app.request(`/api/v1/records/${record.id}`, { headers: t.reviewer.auth })).json()) as { record: { satisfaction: unknown[]; cycle: number } };
    expect(again.record).toMatchObject({ cycle: 2 });
    expect(again.record.satisfaction).toHaveLength(1);
  });
});
