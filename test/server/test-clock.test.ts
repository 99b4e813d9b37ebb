import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { testClockFromEnv } from '../../server/test-clock';
import { postJson, seedServerAccess, startServer } from './support/server-process';
import { submissionInput } from './support/fixtures';

/*
 * The settable clock end-to-end tests run the server on (ECHOBOX_TEST_CLOCK, ECHOBOX_TEST_CLOCK_FILE):
 * it starts at the instant given, runs on, jumps when the file changes, and a server outside
 * NODE_ENV=test refuses to start with it.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'echobox-test-clock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Write the clock file the way tests do: whole, by rename, so the server never reads half of it. */
async function setClock(file: string, instant: string) {
  await writeFile(`${file}.tmp`, instant);
  await rename(`${file}.tmp`, file);
}

describe('testClockFromEnv', () => {
  it('is the real clock when nothing is set', () => {
    expect(testClockFromEnv({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('starts at ECHOBOX_TEST_CLOCK, runs at real speed, and jumps to what the file says', async () => {
    let wall = 1_000_000;
    const file = join(dir, 'unit-clock');
    const now = testClockFromEnv({ NODE_ENV: 'test', ECHOBOX_TEST_CLOCK: '2025-09-30T18:00:00+08:00', ECHOBOX_TEST_CLOCK_FILE: file }, () => wall)!;
    expect(now().toISOString()).toBe('2025-09-30T10:00:00.000Z');
    wall += 90_000;
    expect(now().toISOString()).toBe('2025-09-30T10:01:30.000Z');
    await setClock(file, '2025-10-20T01:00:00Z');
    expect(now().toISOString()).toBe('2025-10-20T01:00:00.000Z');
    wall += 1_000;
    expect(now().toISOString()).toBe('2025-10-20T01:00:01.000Z');
    await setClock(file, 'next tuesday');
    expect(() => now()).toThrow(/ECHOBOX_TEST_CLOCK_FILE: "next tuesday" is not an instant/);
  });

  it('refuses outside NODE_ENV=test, and refuses what is not an instant', () => {
    expect(() => testClockFromEnv({ ECHOBOX_TEST_CLOCK: '2025-09-30T10:00:00Z' })).toThrow(/NODE_ENV is not set: the test clock runs only under NODE_ENV=test/);
    expect(() => testClockFromEnv({ NODE_ENV: 'production', ECHOBOX_TEST_CLOCK_FILE: '/tmp/x' })).toThrow(/ECHOBOX_TEST_CLOCK_FILE is set, but NODE_ENV is "production"/);
    expect(() => testClockFromEnv({ NODE_ENV: 'test', ECHOBOX_TEST_CLOCK: '2025-09-30' })).toThrow(/ECHOBOX_TEST_CLOCK: "2025-09-30" is not an instant/);
    expect(() => testClockFromEnv({ NODE_ENV: 'test', ECHOBOX_TEST_CLOCK_FILE: '/tmp/x' })).toThrow(/needs ECHOBOX_TEST_CLOCK/);
  });
});

describe('a spawned server with the test clock', () => {
  it('does not start unless NODE_ENV=test, and says why', async () => {
    const dataDir = join(dir, 'refused');
    const refused = startServer({ dataDir }, { env: { NODE_ENV: 'production', ECHOBOX_TEST_CLOCK: '2025-09-30T10:00:00Z', ECHOBOX_DEMO: '0' } });
    await expect(refused).rejects.toThrow(
      /server exited before it was ready:[\s\S]*Echobox did not start\. ECHOBOX_TEST_CLOCK is set, but NODE_ENV is "production": the test clock runs only under NODE_ENV=test/,
    );
  }, 60_000);

  it('under NODE_ENV=test judges submissions by the set time, and by the new time once the file moves it', async () => {
    const dataDir = join(dir, 'running');
    const clockFile = join(dir, 'server-clock');
    await mkdir(dataDir);
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const access = await seedServerAccess(database.db).finally(() => database.close());
    const server = await startServer(
      { dataDir },
      { env: { NODE_ENV: 'test', ECHOBOX_TEST_CLOCK: '2025-09-30T10:00:00Z', ECHOBOX_TEST_CLOCK_FILE: clockFile, ECHOBOX_DEMO: '0' } },
    );
    try {
      // Sent an hour before the server's (2025) time: inside the 7-day window, numbered on its day.
      const early = await postJson<{ recordNumber: string }>(`${server.url}/api/v1/public/submissions`, submissionInput('reporter-secret-0123456789', { submittedAt: '2025-09-30T09:00:00.000Z' }), access.widgetHeaders);
      expect(early.status, JSON.stringify(early.body)).toBe(201);
      expect(early.body.recordNumber).toBe('CS-20250930-001');
      // Three weeks later the same age of submission is refused as too old.
      await setClock(clockFile, '2025-10-21T10:00:00Z');
      const late = await postJson<{ code: string; errors: { path: string[] }[] }>(`${server.url}/api/v1/public/submissions`, submissionInput('reporter-secret-0123456789', { submittedAt: '2025-09-30T09:00:00.000Z' }), access.widgetHeaders);
      expect(late.status).toBe(400);
      expect(late.body.errors.map((e) => e.path.join('.'))).toContain('submittedAt');
      const fresh = await postJson<{ recordNumber: string }>(`${server.url}/api/v1/public/submissions`, submissionInput('reporter-secret-0123456789', { submittedAt: '2025-10-21T09:00:00.000Z' }), access.widgetHeaders);
      expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
      expect(fresh.body.recordNumber).toBe('CS-20251021-001');
      expect(server.output()).toContain("Test clock: the server's time is 2025-09-30T10:00:");
    } finally {
      await server.stop();
    }
  }, 90_000);
});
