import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/db/open';
import { DataDirLockedError } from '../../server/db/data-dir-lock';
import { listUsers } from '../../server/store/users';
import { seedServerAccess, startServer, type ServerProcess } from './support/server-process';

/*
 * Two processes on one PGlite folder lose data: the second one (an admin command while the server
 * runs) must be refused before it touches anything, naming who holds the folder.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = 600_000;

function runAdmin(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], { cwd: ROOT, env: { ...env, DATA_DIR: dataDir }, timeout: SLOW }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** A pid that belonged to a process on this host that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the PGlite data folder lock', () => {
  const dirs: string[] = [];
  let server: ServerProcess | undefined;
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'echobox-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await server?.kill();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an admin command while the server runs, names the server, and loses nothing', async () => {
    const dataDir = tempDir();
    const seed = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const access = await seedServerAccess(seed.db);
    await seed.close();
    server = await startServer({ dataDir }, { env: { ECHOBOX_DEMO: '0' }, readyTimeoutMs: 300_000 });

    // Written by the server while it runs: must survive.
    const viaApi = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: access.staffHeaders,
      body: JSON.stringify({ email: 'via.api@example.com', name: 'Via API', role: 'agent', department: 'CS' }),
    });
    expect(viaApi.status).toBe(201);

    const refused = await runAdmin(['users', 'create', '--email', 'via.cli@example.com', '--name', 'Via CLI', '--role', 'agent', '--department', 'CS'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).not.toMatch(/Created/);
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(refused.stderr).toContain(`server on port ${server.port}, pid ${server.child.pid}, since `);
    expect(refused.stderr).toMatch(/Stop that server first, or make the change through its API/);

    await server.stop(15_000);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);

    const list = await runAdmin(['users', 'list', '--json'], dataDir);
    expect(list.code, list.stderr).toBe(0);
    const emails = (JSON.parse(list.stdout) as { items: Array<{ email: string }> }).items.map((u) => u.email);
    expect(emails).toContain('via.api@example.com');
    expect(emails).not.toContain('via.cli@example.com');
  }, SLOW);

  it('takes over a lock left by a dead process on this host, and releases it on close', async () => {
    const dataDir = tempDir();
    const lockFile = join(dataDir, 'pglite.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00.000Z', what: 'server on port 8787' }));

    const database = await openDatabase({ dataDir: join(dataDir, 'pglite'), holder: 'lock test' });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), what: 'lock test' });
    expect(await listUsers(database.db)).toEqual([]);
    await database.close();
    expect(existsSync(lockFile)).toBe(false);
  }, SLOW);

  it('refuses a live holder, one on another host, and an unreadable lock file, without touching them', async () => {
    const dataDir = tempDir();
    const folder = join(dataDir, 'pglite');
    const lockFile = join(dataDir, 'pglite.lock');
    const held = await openDatabase({ dataDir: folder, holder: 'first opener' });
    try {
      const second = openDatabase({ dataDir: folder, holder: 'second opener' });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`first opener, pid ${process.pid}, since `);
    } finally {
      await held.close();
    }

    const elsewhere = JSON.stringify({ pid: deadPid(), host: 'other-host.example', since: '2026-01-01T00:00:00.000Z', what: 'server on port 8787' });
    writeFileSync(lockFile, elsewhere);
    await expect(openDatabase({ dataDir: folder })).rejects.toThrow(/server on port 8787, pid \d+ on host other-host\.example/);
    expect(readFileSync(lockFile, 'utf8')).toBe(elsewhere);

    writeFileSync(lockFile, '');
    await expect(openDatabase({ dataDir: folder })).rejects.toThrow(/cannot be read/);
    expect(readFileSync(lockFile, 'utf8')).toBe('');
  }, SLOW);
});
