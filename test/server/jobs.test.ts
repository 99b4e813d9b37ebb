import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { enqueue } from '../../server/jobs/queue';
import { createJobRunner, type JobHandlers } from '../../server/jobs/runner';
import { claimJobs, purgeFinishedJobs } from '../../server/jobs/store';
import { retryDelayMs } from '../../server/jobs/backoff';
import { DeadJobList, JobRetried } from '../../shared/schemas/job';
import { Problem } from '../../shared/schemas/problem';

const rows = async <T>(database: Database, query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

describe.each(TEST_STORES)('durable jobs on $name', (store) => {
  let database: Database;
  let admin: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  const t0 = new Date('2025-09-30T10:00:00Z');

  beforeAll(async () => {
    database = await store.open();
    admin = await staff(database, 'admin', 'IT');
    reviewer = await staff(database, 'reviewer', 'PM');
    // The tests' own effect table: no unique key, so a job done twice shows as two rows.
    await database.db.execute(sql`CREATE TABLE test_job_effects (job_id bigint NOT NULL, tag text NOT NULL)`);
  });
  afterAll(() => database.close());

  const jobsOf = (kind: string) =>
    rows<{ id: string; state: string; attempts: number; last_error: string | null; run_at: Date | string }>(
      database,
      sql`SELECT id, state, attempts, last_error, run_at FROM jobs WHERE kind = ${kind} ORDER BY id`,
    );

  it('writes a job only when the transaction that causes it commits, and a dedupe key once', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueue(tx, 'test.tx', { n: 1 }, { now: t0 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsOf('test.tx')).toHaveLength(0);
    await database.db.transaction(async (tx) => {
      expect(await enqueue(tx, 'test.tx', { n: 2 }, { now: t0, dedupeKey: 'tx-1' })).toBe(true);
      expect(await enqueue(tx, 'test.tx', { n: 3 }, { now: t0, dedupeKey: 'tx-1' })).toBe(false);
    });
    expect(await jobsOf('test.tx')).toHaveLength(1);
  });

  it('runs each of 100 jobs exactly once with two workers claiming side by side', async () => {
    for (let i = 0; i < 100; i++) await enqueue(database.db, 'test.once', { i }, { now: t0, dedupeKey: `once-${i}` });
    const handlers: JobHandlers = {
      'test.once': async (_payload, ctx) => {
        await ctx.complete(async (tx) => {
          await tx.execute(sql`INSERT INTO test_job_effects (job_id, tag) VALUES (${ctx.job.id}, 'once')`);
        });
      },
    };
    const workers = [0, 1].map(() => createJobRunner({ db: database.db, handlers, now: () => t0, batchSize: 7 }));
    let claimedBy = [0, 0];
    for (;;) {
      const counts = await Promise.all(workers.map((w) => w.runOnce()));
      claimedBy = claimedBy.map((n, i) => n + (counts[i] as number));
      if (counts.every((n) => n === 0)) break;
    }
    const effects = await rows<{ n: number; distinct: number }>(
      database,
      sql`SELECT count(*)::int AS n, count(DISTINCT job_id)::int AS distinct FROM test_job_effects WHERE tag = 'once'`,
    );
    expect(effects[0]).toEqual({ n: 100, distinct: 100 });
    expect((await jobsOf('test.once')).every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    expect(claimedBy[0]! + claimedBy[1]!).toBe(100);
  });

  it('rolls back the effect of a worker whose lease ran out and was taken over', async () => {
    await enqueue(database.db, 'test.slow', {}, { now: t0 });
    const clock = { now: t0 };
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const effect = (tag: string) => async (_p: unknown, ctx: Parameters<JobHandlers[string]>[1]) => {
      if (tag === 'first') await blocked;
      await ctx.complete(async (tx) => {
        await tx.execute(sql`INSERT INTO test_job_effects (job_id, tag) VALUES (${ctx.job.id}, ${tag})`);
      });
    };
    const first = createJobRunner({ db: database.db, handlers: { 'test.slow': effect('first') }, now: () => clock.now, leaseMs: 60_000 });
    const second = createJobRunner({ db: database.db, handlers: { 'test.slow': effect('second') }, now: () => clock.now, leaseMs: 60_000 });
    const firstRun = first.runOnce();
    // Wait until the first worker holds the job, then let its lease run out and the second take it.
    for (let i = 0; i < 100 && (await jobsOf('test.slow'))[0]?.state !== 'running'; i++) await new Promise((r) => setImmediate(r));
    expect(await second.runOnce()).toBe(0);
    clock.now = new Date(t0.getTime() + 61_000);
    expect(await second.runOnce()).toBe(1);
    release();
    await firstRun;
    const effects = await rows<{ tag: string }>(database, sql`SELECT tag FROM test_job_effects WHERE tag IN ('first', 'second')`);
    expect(effects.map((e) => e.tag)).toEqual(['second']);
    expect(await jobsOf('test.slow')).toMatchObject([{ state: 'done', attempts: 2 }]);
  });

  it('retries a failing job with growing delays, then lists it as a dead letter an admin can queue again', async () => {
    await enqueue(database.db, 'test.fail', {}, { now: t0 });
    let fail = true;
    const clock = { now: t0 };
    const runner = createJobRunner({
      db: database.db,
      handlers: {
        'test.fail': async () => {
          if (fail) throw new Error('receiver said no');
        },
      },
      now: () => clock.now,
      retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
      random: () => 0,
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runner.runOnce()).toBe(1);
      const [job] = await jobsOf('test.fail');
      if (attempt < 3) {
        expect(job).toMatchObject({ state: 'queued', attempts: attempt, last_error: 'receiver said no' });
        delays.push(new Date(job!.run_at).getTime() - clock.now.getTime());
        // Not due before its backoff is over.
        expect(await runner.runOnce()).toBe(0);
        clock.now = new Date(job!.run_at);
      } else {
        expect(job).toMatchObject({ state: 'dead', attempts: 3 });
      }
    }
    expect(delays).toEqual([1_000, 2_000]);

    const t = testApp(database, { now: clock.now });
    const forbidden = await t.app.request('/api/v1/jobs/dead', { headers: reviewer.auth });
    expect(forbidden.status).toBe(403);
    expect(Problem.parse(await forbidden.json()).code).toBe('forbidden');
    const list = DeadJobList.parse(await (await t.app.request('/api/v1/jobs/dead', { headers: admin.auth })).json());
    const dead = list.items.find((j) => j.kind === 'test.fail');
    expect(dead).toMatchObject({ attempts: 3, lastError: 'receiver said no' });
    expect(JSON.stringify(list)).not.toContain('payload');

    const bad = await t.app.request('/api/v1/jobs/abc/retry', json('POST', {}, admin.auth));
    expect(bad.status).toBe(400);
    expect(Problem.parse(await bad.json()).errors?.[0]?.path).toEqual(['id']);
    const retried = await t.app.request(`/api/v1/jobs/${dead!.id}/retry`, json('POST', {}, admin.auth));
    expect(JobRetried.parse(await retried.json())).toEqual({ id: dead!.id, state: 'queued' });
    expect((await t.app.request(`/api/v1/jobs/${dead!.id}/retry`, json('POST', {}, admin.auth))).status).toBe(404);
    fail = false;
    expect(await runner.runOnce()).toBe(1);
    expect(await jobsOf('test.fail')).toMatchObject([{ state: 'done', attempts: 1 }]);
  });

  it('keeps extending the lease of a long job while its handler runs, so no other worker takes it over', async () => {
    await enqueue(database.db, 'test.long', {}, { now: t0 });
    const clock = { now: t0 };
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const effect = (tag: string) => async (_p: unknown, ctx: Parameters<JobHandlers[string]>[1]) => {
      if (tag === 'first') await blocked;
      await ctx.complete(async (tx) => {
        await tx.execute(sql`INSERT INTO test_job_effects (job_id, tag) VALUES (${ctx.job.id}, ${tag})`);
      });
    };
    const first = createJobRunner({ db: database.db, handlers: { 'test.long': effect('first') }, now: () => clock.now, leaseMs: 60_000, heartbeatMs: 10 });
    const second = createJobRunner({ db: database.db, handlers: { 'test.long': effect('second') }, now: () => clock.now, leaseMs: 60_000 });
    const firstRun = first.runOnce();
    // 50 s into a 60 s lease the heartbeat has moved its end past the first one.
    clock.now = new Date(t0.getTime() + 50_000);
    const leaseEnd = async () => new Date((await jobsOf('test.long'))[0]!.run_at).getTime();
    while ((await leaseEnd()) < t0.getTime() + 110_000) await new Promise((r) => setTimeout(r, 10));
    clock.now = new Date(t0.getTime() + 61_000);
    expect(await second.runOnce()).toBe(0);
    release();
    await firstRun;
    const effects = await rows<{ tag: string }>(database, sql`SELECT tag FROM test_job_effects WHERE job_id = ${Number((await jobsOf('test.long'))[0]!.id)}`);
    expect(effects.map((e) => e.tag)).toEqual(['first']);
    expect(await jobsOf('test.long')).toMatchObject([{ state: 'done', attempts: 1 }]);
  });

  it('purges done jobs after the retention, keeps newer ones and dead letters until an admin deletes them', async () => {
    const day = 86_400_000;
    await enqueue(database.db, 'test.purge', { n: 'old' }, { now: t0, dedupeKey: 'purge-old' });
    await enqueue(database.db, 'test.purge', { n: 'new' }, { now: t0, dedupeKey: 'purge-new' });
    await enqueue(database.db, 'test.purge.dead', {}, { now: t0 });
    await database.db.execute(sql`UPDATE jobs SET state = 'done', finished_at = ${new Date(t0.getTime() - 15 * day).toISOString()}::timestamptz WHERE dedupe_key = 'purge-old'`);
    await database.db.execute(sql`UPDATE jobs SET state = 'done', finished_at = ${new Date(t0.getTime() - 13 * day).toISOString()}::timestamptz WHERE dedupe_key = 'purge-new'`);
    await database.db.execute(sql`UPDATE jobs SET state = 'dead', finished_at = ${new Date(t0.getTime() - 100 * day).toISOString()}::timestamptz WHERE kind = 'test.purge.dead'`);
    expect(await purgeFinishedJobs(database.db, new Date(t0.getTime() - 14 * day))).toBeGreaterThanOrEqual(1);
    expect((await jobsOf('test.purge')).length).toBe(1);
    // The purged job's key is free again; the kept one's still dedupes.
    expect(await enqueue(database.db, 'test.purge', {}, { now: t0, dedupeKey: 'purge-new' })).toBe(false);
    const [dead] = await jobsOf('test.purge.dead');
    expect(dead).toMatchObject({ state: 'dead' });

    const t = testApp(database, { now: t0 });
    expect((await t.app.request(`/api/v1/jobs/${dead!.id}`, { method: 'DELETE', headers: reviewer.auth })).status).toBe(403);
    await enqueue(database.db, 'test.other.queued', {}, { now: t0 });
    const [queued] = await jobsOf('test.other.queued');
    // Only dead letters can be deleted.
    expect((await t.app.request(`/api/v1/jobs/${queued!.id}`, { method: 'DELETE', headers: admin.auth })).status).toBe(404);
    expect((await t.app.request(`/api/v1/jobs/${dead!.id}`, { method: 'DELETE', headers: admin.auth })).status).toBe(204);
    expect(await jobsOf('test.purge.dead')).toEqual([]);
    expect((await t.app.request(`/api/v1/jobs/${dead!.id}`, { method: 'DELETE', headers: admin.auth })).status).toBe(404);
  });

  it('claims nothing of kinds it does not run', async () => {
    await enqueue(database.db, 'test.other', {}, { now: t0 });
    expect(await claimJobs(database.db, 'w', ['test.none'], 10, t0, 1000)).toEqual([]);
  });
});

describe('retry delays', () => {
  it('double from the base, stop at the cap, and jitter takes at most a fifth off', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 10_000, maxDelayMs: 60_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, 0))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(retryDelayMs(1, policy, 0.999)).toBeGreaterThan(8_000);
  });
});
