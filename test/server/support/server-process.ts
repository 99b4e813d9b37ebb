import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../server/db/open';
import { createSiteKey } from '../../../server/store/site-keys';
import { createToken, createUser } from '../../../server/store/users';

/** The repository root, where `server/main.ts` is started from. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where a spawned server keeps its data: a PostgreSQL URL, or a PGlite DATA_DIR (files in DATA_DIR/pglite). */
export type ServerStore = { databaseUrl: string; poolSize?: number } | { dataDir: string };

/** A running `node --import tsx server/main.ts` child on a loopback port. */
export interface ServerProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill with SIGKILL (a crash: no shutdown hooks run) and wait until the process is gone. */
  kill(): Promise<void>;
  /** Ask for a clean shutdown (SIGTERM), SIGKILL after `graceMs`, and wait until it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawn the real server entry point with PORT, HOST=127.0.0.1 and DATABASE_URL or DATA_DIR, and
 * wait until `/readyz` answers 200 (the database is open and migrated). Rejects with the process
 * output when it exits or is not ready within `readyTimeoutMs`.
 */
export async function startServer(
  store: ServerStore,
  options: { port?: number; readyTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' };
  // The environment of the test runner must not choose the store for the child.
  delete env.DATABASE_URL;
  delete env.DATABASE_POOL_SIZE;
  delete env.DATA_DIR;
  if ('databaseUrl' in store) {
    env.DATABASE_URL = store.databaseUrl;
    if (store.poolSize) env.DATABASE_POOL_SIZE = String(store.poolSize);
  } else {
    env.DATA_DIR = store.dataDir;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const kill = async () => {
    if (!gone) child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`server not ready within ${options.readyTimeoutMs ?? 30_000} ms:\n${log}`);
    }
    await sleep(100);
  }

  return {
    url,
    port,
    child,
    output: () => log,
    exited,
    kill,
    async stop(graceMs = 5_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!gone) child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Origin the seeded site key allows (the widget's host page). */
export const SEEDED_ORIGIN = 'https://app.example.com';

/**
 * What a client of a spawned server needs, written into its store BEFORE the process starts (the
 * first-start admin bootstrap only runs on an empty users table): an admin bearer token and a widget
 * site key for `department` whose rate limit does not get in the way of load.
 */
export async function seedServerAccess(db: Db, options: { department?: string; ratePerMinute?: number } = {}) {
  const user = await createUser(db, {
    email: `admin.${randomBytes(4).toString('hex')}@example.com`,
    name: 'Load admin',
    role: 'admin',
    department: options.department ?? 'CS',
  });
  const { token } = await createToken(db, user.id, 'multi-process');
  const { siteKey } = await createSiteKey(db, {
    name: 'Load site',
    department: options.department ?? 'CS',
    allowedOrigins: [SEEDED_ORIGIN],
    ratePerMinute: options.ratePerMinute ?? 1_000_000,
  });
  return {
    userId: user.id,
    token,
    siteKey: siteKey.key,
    /** Headers of a staff request with the bearer token. */
    staffHeaders: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    /** Headers of a widget request: site key and an allowed Origin. */
    widgetHeaders: { 'content-type': 'application/json', 'x-echobox-site-key': siteKey.key, origin: SEEDED_ORIGIN },
  };
}

/** POST a JSON body and read the JSON answer (status and parsed body; body undefined when not JSON). */
export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T };
}
