import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import { startSmtpSink } from './support/smtp-sink';
import type { Database } from '../../server/db/open';
import { createJobRunner } from '../../server/jobs/runner';
import { jobHandlers } from '../../server/jobs/kinds';
import { createMailer } from '../../server/notifications/mailer';
import type { Record as EchoRecord } from '../../shared/schemas/record';

describe.each(TEST_STORES)('the filer hears of a change request decision on $name', (store) => {
  let database: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  const now = new Date('2025-09-30T10:00:00Z');

  beforeAll(async () => {
    database = await store.open();
    sink = await startSmtpSink();
    t = testApp(database, { now });
    reviewer = await staff(database, 'reviewer', 'CS', '张经理');
    agent = await staff(database, 'agent', 'CS', 'Ann');
  });
  afterAll(async () => {
    await sink.close();
    await database.close();
  });

  const post = async (auth: Record<string, string>, id: string, path: string, body: unknown, status = 200) => {
    const res = await t.app.request(`/api/v1/records/${id}/${path}`, json('POST', body, auth));
    expect(res.status, await res.clone().text()).toBe(status);
    return ((await res.json()) as { record: EchoRecord }).record;
  };
  const runJobs = async () => {
    const mailer = createMailer(sink.url, 'echobox@example.com');
    const runner = createJobRunner({
      db: database.db,
      handlers: jobHandlers({ notifyLocale: 'zh-CN', mailer, timeZone: 'Asia/Shanghai', consoleUrl: 'https://echobox.example.com' }),
      now: () => now,
    });
    while ((await runner.runOnce()) > 0);
    mailer.close();
  };

  /** A record in progress owned by the agent, with a change request the agent filed. */
  async function filedByAgent() {
    const created = await t.app.request('/api/v1/records', json('POST', recordInput(), reviewer.auth));
    const { record } = (await created.json()) as { record: EchoRecord };
    await post(reviewer.auth, record.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const patched = await t.app.request(
      `/api/v1/records/${record.id}`,
      json('PATCH', { taskOrder: { goal: '修复导出', deliveryStandard: '10 秒内下载', deadline: '2025-10-20', ownerId: agent.user.id } }, { ...reviewer.auth, 'if-match': '"2"' }),
    );
    expect(patched.status).toBe(200);
    await post(reviewer.auth, record.id, 'transitions', { type: 'start', ownerId: agent.user.id });
    const filed = await post(agent.auth, record.id, 'change-requests', {
      reason: '测试资源不足',
      adjustedPlan: '顺延一周',
      effectiveAt: '2025-10-20T15:59:59.999Z',
      adjustedDeadline: '2025-10-27',
    });
    return { record: filed, requestId: filed.changeRequests[0]!.id };
  }

  it('e-mails the filer once, in their language, that the request was approved', async () => {
    await database.db.execute(sql`UPDATE users SET locale = 'en' WHERE id = ${agent.user.id}`);
    const { record, requestId } = await filedByAgent();
    await runJobs();
    expect(sink.mails).toHaveLength(0); // filing tells nobody
    await post(reviewer.auth, record.id, `change-requests/${requestId}/decision`, { approve: true });
    // Deciding again is refused and queues nothing.
    await post(reviewer.auth, record.id, `change-requests/${requestId}/decision`, { approve: false }, 409);
    await runJobs();
    await runJobs();
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail!.to).toEqual([agent.user.email]);
    expect(mail!.subject).toBe(`[Echobox] ${record.recordNumber}: your change request was approved`);
    expect(mail!.text).toContain('was approved by 张经理');
    expect(mail!.text).toContain('顺延一周');
    expect(mail!.headers['message-id']).toBe(`<change-request.${requestId}@echobox>`);
  }, 60_000);

  it('tells a refusal in the default language, and tells nobody of their own decision', async () => {
    await database.db.execute(sql`UPDATE users SET locale = NULL WHERE id = ${agent.user.id}`);
    const { record, requestId } = await filedByAgent();
    await post(reviewer.auth, record.id, `change-requests/${requestId}/decision`, { approve: false });
    await runJobs();
    const refusal = sink.mails.find((m) => m.subject.includes(record.recordNumber));
    expect(refusal?.subject).toBe(`[Echobox] ${record.recordNumber}:您的需求变更申请未获批准`);
    expect(refusal?.to).toEqual([agent.user.email]);

    // The reviewer files and decides their own request: no e-mail.
    const before = sink.mails.length;
    const own = await post(reviewer.auth, record.id, 'change-requests', { reason: '需求变更', adjustedPlan: '缩小范围', effectiveAt: '2025-10-20T15:59:59.999Z' });
    await post(reviewer.auth, record.id, `change-requests/${own.changeRequests.at(-1)!.id}/decision`, { approve: true });
    await runJobs();
    expect(sink.mails).toHaveLength(before);
    const jobs = (await database.db.execute(sql`SELECT state FROM jobs WHERE kind = 'change_request.decided'`)) as unknown as { rows: { state: string }[] };
    expect(jobs.rows.every((r) => r.state === 'done')).toBe(true);
  }, 60_000);
});
