import { until } from './support/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { createPostgresDatabase } from './support/databases';
import { startServer, type ServerProcess } from './support/server-process';
import { startReceiver } from './support/http-receiver';
import type { Database } from '../../server/db/open';
import { enqueue } from '../../server/jobs/queue';
import { WEBHOOK_DELIVER, type DeliverPayload } from '../../server/webhooks/events';
import { createEndpoint } from '../../server/webhooks/store';


const deliverJob = (endpointId: string, n: number): DeliverPayload => ({
  endpointId,
  messageId: `msg_test_${n}`,
  event: { type: 'record.created', timestamp: new Date().toISOString(), data: { recordNumber: `CS-20250930-${String(n).padStart(3, '0')}` } },
});

// Real server processes (server/main.ts, each with its worker loop) over one PostgreSQL database.
describe.skipIf(!process.env.TEST_DATABASE_URL)('job workers in separate server processes on one PostgreSQL', () => {
  let database: Database & { url: string };
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let hang = true;
  const servers: ServerProcess[] = [];
  // The receiver is on loopback: allowed as an admin would allow a receiver on the own network.
  const env = { ECHOBOX_JOB_POLL_MS: '50', ECHOBOX_JOB_LEASE_MS: '3000', ECHOBOX_LOG_LEVEL: 'silent', ECHOBOX_DEMO: '0', ECHOBOX_WEBHOOK_ALLOW_PRIVATE: '1' };

  beforeAll(async () => {
    database = (await createPostgresDatabase())!;
    receiver = await startReceiver((req) => (req.path === '/crash' && hang ? 'hang' : { status: 200 }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await receiver.close();
    await database?.close();
  });

  const jobStates = async () =>
    ((await database.db.execute(sql`SELECT state, count(*)::int AS n FROM jobs GROUP BY state`)) as unknown as { rows: { state: string; n: number }[] }).rows;

  it('two processes deliver each of 100 jobs exactly once', async () => {
    const { row } = await createEndpoint(database.db, { name: 'many', url: `${receiver.url}/many`, format: 'standard', events: ['record.created'] }, '00000000-0000-7000-8000-000000000000', new Date());
    for (let i = 0; i < 2; i++) servers.push(await startServer({ databaseUrl: database.url }, { env, readyTimeoutMs: 90_000 }));
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 100; n++) await enqueue(tx, WEBHOOK_DELIVER, deliverJob(row.id, n), { now: new Date(), dedupeKey: `t:${n}` });
    });
    await until(async () => (await jobStates()).some((s) => s.state === 'done' && s.n === 100), '100 jobs done');
    const ids = receiver.received.filter((r) => r.path === '/many').map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  }, 240_000);

  it('a process killed with SIGKILL mid-delivery: after restart the job is delivered, once per message id', async () => {
    const { row, secret } = await createEndpoint(database.db, { name: 'crash', url: `${receiver.url}/crash`, format: 'standard', events: ['record.created'] }, '00000000-0000-7000-8000-000000000000', new Date());
    const first = await startServer({ databaseUrl: database.url }, { env, readyTimeoutMs: 90_000 });
    servers.push(first);
    await enqueue(database.db, WEBHOOK_DELIVER, deliverJob(row.id, 1000), { now: new Date(), dedupeKey: 'crash' });
    await until(() => receiver.received.some((r) => r.path === '/crash'), 'the first attempt to reach the receiver');
    await first.kill();
    hang = false;
    servers.push(await startServer({ databaseUrl: database.url }, { env, readyTimeoutMs: 90_000 }));
    const job = async () =>
      ((await database.db.execute(sql`SELECT state, attempts FROM jobs WHERE dedupe_key = 'crash'`)) as unknown as { rows: { state: string; attempts: number }[] }).rows[0];
    await until(async () => (await job())?.state === 'done', 'the job to be done after the restart');
    const hits = receiver.received.filter((r) => r.path === '/crash');
    // Sent again after the lease ran out (at least once), with the same id: the receiver keeps one.
    expect(hits).toHaveLength(2);
    const verifier = new Webhook(secret!);
    for (const hit of hits) verifier.verify(hit.body, hit.headers as Record<string, string>);
    expect(new Set(hits.map((h) => h.headers['webhook-id'])).size).toBe(1);
    expect(await job()).toEqual({ state: 'done', attempts: 2 });
    const log = ((await database.db.execute(sql`SELECT outcome, attempt FROM webhook_deliveries WHERE endpoint_id = ${row.id}`)) as unknown as { rows: unknown[] }).rows;
    expect(log).toEqual([{ outcome: 'delivered', attempt: 2 }]);
  }, 240_000);
});
