import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import { startReceiver } from './support/http-receiver';
import type { Database } from '../../server/db/open';
import { createJobRunner } from '../../server/jobs/runner';
import { jobHandlers } from '../../server/jobs/kinds';
import { recordEvents } from '../../server/webhooks/record-events';
import { WebhookCreated, WebhookDeliveryList, WebhookEvent, WebhookList, WebhookTestSent } from '../../shared/schemas/webhook';
import { auditEntries } from '../../server/db/schema';
import { eq } from 'drizzle-orm';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { WEBHOOK_DELIVER } from '../../server/webhooks/events';
import { deliverWebhook } from '../../server/webhooks/deliver';
import { Problem } from '../../shared/schemas/problem';
import { Record as RecordSchema } from '../../shared/schemas/record';

describe.each(TEST_STORES)('webhooks on $name', (store) => {
  let database: Database;
  let admin: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    database = await store.open();
    admin = await staff(database, 'admin', 'IT');
    reviewer = await staff(database, 'reviewer', 'CS');
    // The standard endpoint fails twice, then takes the event; the chat bots answer as their services do.
    receiver = await startReceiver((req, nth) => {
      if (req.path === '/standard') return { status: nth <= 2 ? 500 : 200 };
      if (req.path === '/try') return { status: nth === 1 ? 500 : 200 };
      if (req.path === '/feishu') return { status: 200, body: '{"code":0,"msg":"success"}' };
      if (req.path === '/slack') return { status: 200, body: 'ok' };
      return { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    });
  });
  afterAll(async () => {
    await receiver.close();
    await database.close();
  });

  // The receiver listens on loopback: these tests run with private targets allowed, as an admin would set it.
  const PRIVATE_OK = { webhookAllowPrivate: true };

  it('lets only admins configure endpoints, validates them, and shows a standard secret once', async () => {
    const t = testApp(database, { config: PRIVATE_OK });
    const body = { name: 'Ops', url: `${receiver.url}/x`, events: ['record.created'] };
    expect((await t.app.request('/api/v1/webhooks', json('POST', body, reviewer.auth))).status).toBe(403);
    const bad = await t.app.request('/api/v1/webhooks', json('POST', { ...body, url: 'ftp://x', events: ['record.eaten'] }, admin.auth));
    expect(bad.status).toBe(400);
    const problem = Problem.parse(await bad.json());
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path.join('.')).sort()).toEqual(['events.0', 'url']);
    const created = await t.app.request('/api/v1/webhooks', json('POST', body, admin.auth));
    expect(created.status).toBe(201);
    const { endpoint, secret } = WebhookCreated.parse(await created.json());
    expect(secret).toMatch(/^whsec_/);
    const list = WebhookList.parse(await (await t.app.request('/api/v1/webhooks', { headers: admin.auth })).json());
    expect(list.items.find((e) => e.id === endpoint.id)).toMatchObject({ signed: true, format: 'standard' });
    expect(JSON.stringify(list)).not.toContain(secret!);
    expect((await t.app.request(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: admin.auth })).status).toBe(204);
  });

  it('refuses, without the private-targets setting, URLs that are not https or reach loopback, private, link-local, CGNAT, multicast or metadata addresses', async () => {
    const t = testApp(database);
    const post = (url: string) => t.app.request('/api/v1/webhooks', json('POST', { name: 'Probe', url, events: ['record.created'] }, admin.auth));
    const refusals: Array<[string, string]> = [
      [`${receiver.url}/x`, 'https_required'],
      ['https://127.0.0.1/hook', 'address_not_public'],
      ['https://localhost/hook', 'address_not_public'],
      ['https://10.1.2.3/hook', 'address_not_public'],
      ['https://169.254.169.254/latest/meta-data', 'address_not_public'],
      ['https://100.64.0.1/hook', 'address_not_public'],
      ['https://[::1]/hook', 'address_not_public'],
      ['https://[::ffff:192.168.0.1]/hook', 'address_not_public'],
      ['https://[fe80::1]/hook', 'address_not_public'],
      ['https://[ff02::1]/hook', 'address_not_public'],
      ['https://2130706433/hook', 'address_not_public'],
    ];
    for (const [url, reason] of refusals) {
      const res = await post(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { code: string; details?: { reason?: string }; errors?: Array<{ path: unknown[] }> };
      expect(body, url).toMatchObject({ code: 'validation_failed', details: { reason }, errors: [{ path: ['url'] }] });
    }
    // A public address is accepted (no DNS needed for an IP literal); moving it onto a private one is refused too.
    const created = await post('https://93.184.216.34/hook');
    expect(created.status).toBe(201);
    const { endpoint } = WebhookCreated.parse(await created.json());
    const moved = await t.app.request(`/api/v1/webhooks/${endpoint.id}`, json('PATCH', { url: 'https://192.168.1.10/hook' }, admin.auth));
    expect(moved.status).toBe(400);
    expect((await (await t.app.request(`/api/v1/webhooks/${endpoint.id}`, { headers: admin.auth })).json()) as { url: string }).toMatchObject({ url: 'https://93.184.216.34/hook' });
    await t.app.request(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: admin.auth });
  });

  it('checks the target again at delivery: an endpoint now reaching a private address gets nothing, the attempt is logged as refused', async () => {
    // Configured while private targets were allowed (or its name resolved elsewhere then).
    const setup = testApp(database, { config: PRIVATE_OK });
    const created = await setup.app.request('/api/v1/webhooks', json('POST', { name: 'Moved', url: `${receiver.url}/moved`, events: ['record.created'] }, admin.auth));
    expect(created.status).toBe(201);
    const { endpoint } = WebhookCreated.parse(await created.json());
    const t = testApp(database);
    expect((await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth))).status).toBe(201);
    const runner = createJobRunner({
      db: database.db,
      handlers: jobHandlers({ notifyLocale: 'en', timeZone: 'Asia/Shanghai', consoleUrl: 'http://echobox.test' }),
      now: () => t.clock.now,
      retry: { maxAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 1_000 },
    });
    while ((await runner.runOnce()) > 0);
    expect(receiver.received.filter((r) => r.path === '/moved')).toHaveLength(0);
    const log = WebhookDeliveryList.parse(await (await t.app.request(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: admin.auth })).json());
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ outcome: 'failed', statusCode: null });
    expect(log.items[0]!.error).toMatch(/^refused: .*https/);
    await t.app.request(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: admin.auth });
  });

  it('delivers a record.created event signed per Standard Webhooks exactly once after two 500s, logging three attempts; chat bots get their documented formats', async () => {
    const start = new Date();
    const t = testApp(database, { now: start, config: PRIVATE_OK });
    const create = (body: object) => t.app.request('/api/v1/webhooks', json('POST', { events: ['record.created'], ...body }, admin.auth));
    const standard = WebhookCreated.parse(await (await create({ name: 'Standard', url: `${receiver.url}/standard` })).json());
    const chats = {
      wecom: { name: '企业微信', url: `${receiver.url}/wecom?key=k1`, format: 'wecom' },
      dingtalk: { name: '钉钉', url: `${receiver.url}/dingtalk?access_token=tok`, format: 'dingtalk', secret: 'SECdingtalk' },
      feishu: { name: '飞书', url: `${receiver.url}/feishu`, format: 'feishu', secret: 'feishu-secret' },
      slack: { name: 'Slack', url: `${receiver.url}/slack`, format: 'slack' },
    };
    for (const chat of Object.values(chats)) expect((await create(chat)).status).toBe(201);

    const res = await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth));
    expect(res.status).toBe(201);
    const record = RecordSchema.parse(((await res.json()) as { record: unknown }).record);

    const runner = createJobRunner({
      db: database.db,
      handlers: jobHandlers({ notifyLocale: 'zh-CN', timeZone: 'Asia/Shanghai', consoleUrl: 'http://echobox.test', webhookAllowPrivate: true }),
      now: () => t.clock.now,
      retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 },
      random: () => 0,
    });
    expect(await runner.runOnce()).toBe(5);
    for (const wait of [1_000, 2_000]) {
      t.clock.now = new Date(t.clock.now.getTime() + wait);
      expect(await runner.runOnce()).toBe(1);
    }
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    expect(await runner.runOnce()).toBe(0);

    const standardHits = receiver.received.filter((r) => r.path === '/standard');
    expect(standardHits).toHaveLength(3);
    const verifier = new Webhook(standard.secret!);
    for (const hit of standardHits) {
      const event = WebhookEvent.parse(verifier.verify(hit.body, hit.headers as Record<string, string>));
      expect(event).toMatchObject({ type: 'record.created', data: { recordId: record.id, recordNumber: record.recordNumber, department: 'CS' } });
    }
    // One message id on every attempt: the receiver's dedupe key.
    expect(new Set(standardHits.map((h) => h.headers['webhook-id'])).size).toBe(1);
    expect(() => verifier.verify(standardHits[0]!.body.replace('CS', 'IT'), standardHits[0]!.headers as Record<string, string>)).toThrow();

    const log = WebhookDeliveryList.parse(await (await t.app.request(`/api/v1/webhooks/${standard.endpoint.id}/deliveries`, { headers: admin.auth })).json());
    expect(log.items.map((d) => [d.attempt, d.outcome, d.statusCode])).toEqual([
      [3, 'delivered', 200],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);

    const line = `[Echobox] 新建需求记录:${record.recordNumber} (pending_analysis)`;
    const hit = (path: string) => receiver.received.find((r) => r.path === path)!;
    expect(JSON.parse(hit('/wecom').body)).toEqual({ msgtype: 'text', text: { content: line } });
    expect(hit('/wecom').url.searchParams.get('key')).toBe('k1');
    expect(JSON.parse(hit('/slack').body)).toEqual({ text: line });

    const ding = hit('/dingtalk');
    expect(JSON.parse(ding.body)).toEqual({ msgtype: 'text', text: { content: line } });
    const dingTs = ding.url.searchParams.get('timestamp')!;
    expect(Number(dingTs)).toBe(start.getTime());
    // DingTalk: base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)), URL-encoded into the query.
    expect(ding.url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECdingtalk').update(`${dingTs}\nSECdingtalk`).digest('base64'));
    expect(ding.url.searchParams.get('access_token')).toBe('tok');

    const feishu = JSON.parse(hit('/feishu').body) as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
    expect(feishu).toMatchObject({ msg_type: 'text', content: { text: line }, timestamp: String(Math.floor(start.getTime() / 1000)) });
    // Feishu: base64(HMAC-SHA256(key = timestamp + "\n" + secret, empty message)).
    expect(feishu.sign).toBe(createHmac('sha256', `${feishu.timestamp}\nfeishu-secret`).update('').digest('base64'));
  });

  it('sends a test event through the delivery job when an admin asks (audited), shows when a failed attempt is retried, and refuses a paused endpoint', async () => {
    // Today's clock: the receiver checks the signature's timestamp against its own.
    const t = testApp(database, { now: new Date(), config: PRIVATE_OK });
    const created = WebhookCreated.parse(
      await (await t.app.request('/api/v1/webhooks', json('POST', { name: 'Try me', url: `${receiver.url}/try`, events: ['record.created'] }, admin.auth))).json(),
    );
    const id = created.endpoint.id;
    const test = () => t.app.request(`/api/v1/webhooks/${id}/test`, { method: 'POST', headers: admin.auth });
    expect((await t.app.request(`/api/v1/webhooks/${id}/test`, { method: 'POST', headers: reviewer.auth })).status).toBe(403);
    const sent = await test();
    expect(sent.status).toBe(202);
    const { messageId } = WebhookTestSent.parse(await sent.json());

    const runner = createJobRunner({
      db: database.db,
      handlers: jobHandlers({ notifyLocale: 'en', timeZone: 'Asia/Shanghai', consoleUrl: 'http://echobox.test', webhookAllowPrivate: true }),
      now: () => t.clock.now,
      retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 },
      random: () => 0,
    });
    const log = async () => WebhookDeliveryList.parse(await (await t.app.request(`/api/v1/webhooks/${id}/deliveries`, { headers: admin.auth })).json()).items;
    // The receiver's first answer to /try is 500: the log says when the next attempt comes.
    expect(await runner.runOnce()).toBe(1);
    const [failed] = await log();
    expect(failed).toMatchObject({ messageId, eventType: 'webhook.test', attempt: 1, outcome: 'failed', statusCode: 500 });
    expect(failed!.nextAttemptAt).toBe(new Date(t.clock.now.getTime() + 1_000).toISOString());
    t.clock.now = new Date(t.clock.now.getTime() + 1_000);
    expect(await runner.runOnce()).toBe(1);
    expect((await log()).map((d) => [d.attempt, d.outcome, d.nextAttemptAt])).toEqual([
      [2, 'delivered', null],
      [1, 'failed', null],
    ]);
    const hits = receiver.received.filter((r) => r.path === '/try');
    expect(hits).toHaveLength(2);
    const event = WebhookEvent.parse(new Webhook(created.secret!).verify(hits[1]!.body, hits[1]!.headers as Record<string, string>));
    expect(event.type).toBe('webhook.test');
    expect(hits[1]!.headers['webhook-id']).toBe(messageId);

    const audit = await database.db.select().from(auditEntries).where(eq(auditEntries.recordId, id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['webhook:test', admin.user.id]]);

    expect((await t.app.request(`/api/v1/webhooks/${id}`, json('PATCH', { active: false }, admin.auth))).status).toBe(200);
    const paused = await test();
    expect(paused.status).toBe(409);
    expect(Problem.parse(await paused.json()).code).toBe('conflict');
    await t.app.request(`/api/v1/webhooks/${id}`, { method: 'DELETE', headers: admin.auth });
  });

  it('connects to the address it checked: a name answering public to the check and loopback afterwards (DNS rebinding) reaches nothing', async () => {
    // A TCP listener on loopback counts every connection, TLS or not.
    let connections = 0;
    const listener = createNetServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      // Configured while private targets were allowed, so nothing is resolved at configuration.
      const t = testApp(database, { now: new Date(), config: PRIVATE_OK });
      const created = WebhookCreated.parse(
        await (await t.app.request('/api/v1/webhooks', json('POST', { name: 'Rebind', url: `https://localhost:${port}/hook`, events: ['record.created'] }, admin.auth))).json(),
      );
      expect((await t.app.request(`/api/v1/webhooks/${created.endpoint.id}/test`, { method: 'POST', headers: admin.auth })).status).toBe(202);
      // The check's resolver answers a public address; the system resolver, asked again by name, answers 127.0.0.1.
      const asked: string[] = [];
      const resolve = async (host: string) => (asked.push(host), ['203.0.113.7']);
      const runner = createJobRunner({
        db: database.db,
        handlers: { [WEBHOOK_DELIVER]: deliverWebhook({ locale: 'en', resolve, timeoutMs: 1_500 }) },
        now: () => t.clock.now,
        retry: { maxAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 1_000 },
      });
      expect(await runner.runOnce()).toBe(1);
      expect(asked).toEqual(['localhost']);
      expect(connections).toBe(0);
      const [attempt] = WebhookDeliveryList.parse(await (await t.app.request(`/api/v1/webhooks/${created.endpoint.id}/deliveries`, { headers: admin.auth })).json()).items;
      expect(attempt).toMatchObject({ outcome: 'failed', statusCode: null });
      expect(attempt!.error).toMatch(/^(could not connect|no answer within)/);
      await t.app.request(`/api/v1/webhooks/${created.endpoint.id}`, { method: 'DELETE', headers: admin.auth });
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });

  it('reports screening, assignment and status changes with stable message ids', () => {
    const before = RecordSchema.parse({ ...JSON.parse(JSON.stringify(sampleRecord)) });
    const after = { ...before, version: before.version + 1, validity: 'valid' as const, status: 'in_progress' as const, owner: { id: admin.user.id, name: 'Ann' } };
    const events = recordEvents(before, after, new Date('2025-10-01T00:00:00Z'));
    expect(events.map((e) => e.event.type)).toEqual(['record.screened', 'record.assigned', 'record.status_changed']);
    expect(recordEvents(before, after, new Date()).map((e) => e.messageId)).toEqual(events.map((e) => e.messageId));
  });
});

let sampleRecord: unknown;
beforeAll(async () => {
  const database = await TEST_STORES[0]!.open();
  const reviewer = await staff(database, 'reviewer', 'CS');
  const t = testApp(database);
  sampleRecord = ((await (await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth))).json()) as { record: unknown }).record;
  await database.close();
});
