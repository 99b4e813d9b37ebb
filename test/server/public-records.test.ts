import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { signIdentity } from '../../server/auth/identity-token';

const ORIGIN = 'https://app.example.com';

describe.each(TEST_STORES)('widget submissions and updates on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let key: string;
  let identitySecret: string;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  const secret = 'reporter-secret-0123456789abcdef';

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    const created = await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 1000 });
    key = created.siteKey.key;
    identitySecret = created.identitySecret;
    reviewer = await staff(database, 'reviewer', 'PM');
  });
  afterAll(() => database.close());

  const widget = (extra: Record<string, string> = {}) => ({ origin: ORIGIN, 'x-echobox-site-key': key, ...extra });
  const rows = async () => Number((await database.db.select({ n: count() }).from(records))[0]?.n);

  it('stores a submission as a customer record with the site department', async () => {
    const body = submissionInput(secret, { contact: '13812345678' });
    const res = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const result = (await res.json()) as { status: string; recordNumber: string };
    expect(result).toMatchObject({ status: 'accepted', recordNumber: 'WEB-20250930-001' });
    const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
    const { record } = (await got.json()) as { record: Record<string, unknown> };
    expect(record).toMatchObject({
      source: 'customer_self',
      channel: 'suggestion_box',
      department: 'WEB',
      contact: '138****5678',
      origin: { kind: 'widget', locale: 'zh-CN', reporter: { anonymousId: body.reporter.secretHash } },
    });
    const again = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');
  });

  it('stores the page stripped and masked whatever the widget sent: no query, no fragment, masked title; allowed keys kept', async () => {
    const leaky = {
      url: 'https://app.example.com/account?email=jane@example.com&reset_token=r3s3t&tab=billing#access_token=acc3ss',
      title: 'Inbox – jane@example.com',
      referrer: 'https://mail.example.com/inbox?u=jane@example.com&tab=x#thread-9',
      userAgent: 'Mozilla/5.0',
      screen: { w: 1280, h: 800 },
    };
    const stored = async (siteKey: string, path: string) => {
      const body = submissionInput(secret, { page: leaky });
      const items = path.endsWith('batch') ? { items: [body] } : body;
      const res = await t.app.request(`/api/v1/public/${path}`, json('POST', items, widget({ 'x-echobox-site-key': siteKey })));
      expect(res.status).toBeLessThan(300);
      const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
      return ((await got.json()) as { record: { origin: { page: Record<string, unknown> } } }).record.origin.page;
    };
    for (const path of ['submissions', 'submissions/batch']) {
      const page = await stored(key, path);
      expect(page).toMatchObject({ url: 'https://app.example.com/account', title: 'Inbox – ***@***', referrer: 'https://mail.example.com/inbox' });
      expect(JSON.stringify(page)).not.toMatch(/jane|r3s3t|acc3ss|thread-9|tab=/);
    }
    // A site may keep query keys it needs (here `tab`); everything else still goes.
    const tabs = await createSiteKey(database.db, { name: 'Tabs', department: 'WEB', allowedOrigins: [ORIGIN], allowedQueryKeys: ['tab'], ratePerMinute: 1000 });
    expect(await stored(tabs.siteKey.key, 'submissions')).toMatchObject({
      url: 'https://app.example.com/account?tab=billing',
      referrer: 'https://mail.example.com/inbox?tab=x',
    });
  });

  it('refuses unknown keys, foreign origins and bad bodies, storing nothing', async () => {
    const before = await rows();
    const unknown = await t.app.request('/api/v1/public/submissions', json('POST', submissionInput(secret), widget({ 'x-echobox-site-key': 'ebx_pk_nope_nope_nope' })));
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe('unknown_site_key');
    const foreign = await t.app.request('/api/v1/public/submissions', json('POST', submissionInput(secret), widget({ origin: 'https://evil.example' })));
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('origin_not_allowed');
    const noProblem = await t.app.request('/api/v1/public/submissions', json('POST', submissionInput(secret, { problem: '' }), widget()));
    expect(noProblem.status).toBe(400);
    expect(((await noProblem.json()) as { errors: Array<{ path: unknown[] }> }).errors[0]?.path).toEqual(['problem']);
    const noConsent = await t.app.request('/api/v1/public/submissions', json('POST', submissionInput(secret, { contactConsent: false }), widget()));
    expect(((await noConsent.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('contact_requires_consent');
    const wrongType = await t.app.request('/api/v1/public/submissions', { method: 'POST', headers: { ...widget(), 'content-type': 'text/plain' }, body: 'x' });
    expect(wrongType.status).toBe(415);
    const forged = await t.app.request(
      '/api/v1/public/submissions',
      json('POST', submissionInput(secret, { reporter: { kind: 'identified', identityToken: signIdentity({ sub: 'u1', exp: 2e9 }, 'wrong-secret') } }), widget()),
    );
    expect(forged.status).toBe(401);
    expect(await rows()).toBe(before);
  });

  it('answers a bot that fills the honeypot like a person, storing nothing', async () => {
    const before = await rows();
    const res = await t.app.request('/api/v1/public/submissions', json('POST', submissionInput(secret, { website: 'http://spam.example' }), widget()));
    expect(res.status).toBe(201);
    expect(await rows()).toBe(before);
  });

  it('accepts batches from the outbox item by item', async () => {
    const good = submissionInput(secret);
    const bad = submissionInput(secret, { category: 'nonsense' });
    const bot = submissionInput(secret, { website: 'http://spam.example' });
    const before = await rows();
    const res = await t.app.request('/api/v1/public/submissions/batch', json('POST', { items: [good, bad, bot] }, widget()));
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ id: string; status: string; error?: { errors: Array<{ path: unknown[] }> } }> };
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(results.map((r) => r.id)).toEqual([good.id, bad.id, bot.id]);
    expect(results[1]?.error?.errors[0]?.path).toEqual(['category']);
    expect(await rows()).toBe(before + 1);
  });

  it('closes the loop: the reporter sees updates and rates a finished record once', async () => {
    const mine = 'closing-the-loop-secret-42424242';
    const body = submissionInput(mine);
    await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    const noSecret = await t.app.request('/api/v1/public/updates', { headers: widget() });
    expect(noSecret.status).toBe(401);
    const first = await t.app.request('/api/v1/public/updates', { headers: widget({ 'x-echobox-reporter': `anon ${mine}` }) });
    const page = (await first.json()) as { items: Array<{ recordId: string; status: string; satisfactionRequested: boolean }>; nextCursor: string };
    expect(page.items).toEqual([expect.objectContaining({ recordId: body.id, status: 'pending_analysis', satisfactionRequested: false })]);
    const others = await t.app.request('/api/v1/public/updates', { headers: widget({ 'x-echobox-reporter': 'anon someone-else-entirely-000000' }) });
    expect(((await others.json()) as { items: unknown[] }).items).toEqual([]);

    const earlyRate = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'satisfied' }, widget({ 'x-echobox-reporter': `anon ${mine}` })));
    expect(earlyRate.status).toBe(409);

    const tr = (b: unknown) => t.app.request(`/api/v1/records/${body.id}/transitions`, json('POST', b, reviewer.auth));
    await tr({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    await tr({ type: 'start', ownerId: reviewer.user.id });
    await t.app.request(`/api/v1/records/${body.id}/communications`, json('POST', { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4' }, reviewer.auth));
    await tr({ type: 'complete', result: '2.4 版本已支持后台导出' });

    const next = await t.app.request(`/api/v1/public/updates?cursor=${page.nextCursor}`, { headers: widget({ 'x-echobox-reporter': `anon ${mine}` }) });
    const updates = (await next.json()) as { items: Array<{ status: string; lastCommunication: { expectedVersion: string }; satisfactionRequested: boolean }> };
    expect(updates.items.at(-1)).toMatchObject({ status: 'done', lastCommunication: { expectedVersion: '2.4' }, satisfactionRequested: true });

    const stranger = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'satisfied' }, widget({ 'x-echobox-reporter': 'anon someone-else-entirely-000000' })));
    expect(stranger.status).toBe(404);
    const rate = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'basically_satisfied', comment: '还行' }, widget({ 'x-echobox-reporter': `anon ${mine}` })));
    expect(rate.status).toBe(200);
    const twice = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'basically_satisfied', comment: '还行' }, widget({ 'x-echobox-reporter': `anon ${mine}` })));
    expect(twice.status).toBe(200);
    const changed = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'dissatisfied' }, widget({ 'x-echobox-reporter': `anon ${mine}` })));
    expect(changed.status).toBe(409);
    const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
    const { record } = (await got.json()) as { record: { satisfaction: Array<{ rating: string; cycle: number }> } };
    expect(record.satisfaction).toEqual([expect.objectContaining({ rating: 'basically_satisfied', cycle: 1, comment: '还行' })]);
  });

  it('不满意 in the widget reopens the record like the status page, the follow-up due 3 working days after the rating', async () => {
    const mine = 'dissatisfied-widget-secret-31313131';
    const reporter = widget({ 'x-echobox-reporter': `anon ${mine}` });
    const body = submissionInput(mine);
    await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    const tr = (b: unknown) => t.app.request(`/api/v1/records/${body.id}/transitions`, json('POST', b, reviewer.auth));
    await tr({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await tr({ type: 'start', ownerId: reviewer.user.id });
    await t.app.request(`/api/v1/records/${body.id}/communications`, json('POST', { kind: 'done', message: '导出按钮问题已修复' }, reviewer.auth));
    await tr({ type: 'complete', result: '已修复' });

    // 2025-09-30 19:00 in Shanghai: DOMAIN.md §11's worked example counts Oct 9, 10 and 11 (a make-up working day).
    t.clock.now = new Date('2025-09-30T11:00:00Z');
    const rate = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'dissatisfied', comment: '还是很慢' }, reporter));
    expect(rate.status).toBe(200);
    expect(((await rate.json()) as { change: unknown }).change).toMatchObject({ recordId: body.id, status: 'in_progress', satisfactionRequested: false });
    // The outbox sending the same rating again is answered, not refused, and rates nothing twice.
    const again = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'dissatisfied', comment: '还是很慢' }, reporter));
    expect(again.status).toBe(200);

    const detail = (await (await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth })).json()) as {
      record: { status: string; cycle: number; result: unknown; satisfaction: Array<{ rating: string; cycle: number }> };
      obligations: Array<{ kind: string; startsAt: string; dueAt: string; state: string }>;
      audit: Array<{ action: string }>;
    };
    expect(detail.record).toMatchObject({ status: 'in_progress', cycle: 2, result: null, satisfaction: [{ rating: 'dissatisfied', comment: '还是很慢', cycle: 1 }] });
    expect(detail.record.satisfaction).toHaveLength(1);
    expect(detail.obligations.find((o) => o.kind === 'dissatisfied_follow_up')).toMatchObject({
      startsAt: '2025-09-30T11:00:00.000Z',
      dueAt: '2025-10-11T15:59:59.999Z',
      state: 'open',
      // Oct 9, 10 and the make-up Saturday 11 on the company calendar; 268 clock hours.
      timeLeft: { standing: 'on_track', workingDays: 3, hours: 268 },
    });
    expect(detail.audit.at(-1)).toMatchObject({ action: 'satisfaction' });

    // The reporter's updates show the record in progress again, with no rating asked for.
    const updates = (await (await t.app.request('/api/v1/public/updates', { headers: reporter })).json()) as { items: Array<{ recordId: string; status: string; satisfactionRequested: boolean }> };
    expect(updates.items.find((i) => i.recordId === body.id)).toMatchObject({ status: 'in_progress', satisfactionRequested: false });
    t.clock.now = new Date('2025-09-30T10:00:00Z');
  });

  it('reads updates of a host-identified user with a signed token', async () => {
    const token = signIdentity({ sub: 'user-77', exp: Math.floor(Date.parse('2025-09-30T18:00:00Z') / 1000), traits: { customerType: 'high_value' } }, identitySecret);
    const body = submissionInput('unused-secret-0000000000000000', { reporter: { kind: 'identified', identityToken: token } });
    const res = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(201);
    const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
    expect(((await got.json()) as { record: unknown }).record).toMatchObject({ customerType: 'high_value', origin: { reporter: { userId: 'user-77' } } });
    const updates = await t.app.request('/api/v1/public/updates', { headers: widget({ 'x-echobox-reporter': `token ${token}` }) });
    expect(((await updates.json()) as { items: Array<{ recordId: string }> }).items.map((i) => i.recordId)).toEqual([body.id]);
  });
});
