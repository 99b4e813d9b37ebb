import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../server/db/open';
import { createSiteKey } from '../../../server/store/site-keys';
import { createToken, createUser } from '../../../server/store/users';
import type { Role } from '../../../shared/schemas/enums';
import { freePort, startServer, type ServerProcess } from '../../server/support/server-process';

/*
 * The real server (`node --import tsx server/main.ts`) as a child process on a free loopback port,
 * with its own PGlite DATA_DIR in a temp folder, seeded before the first start. It can be stopped
 * and started again on the same port and data, like a server going down and coming back.
 */

/** A running (or stopped) Echobox server of one test file. */
export interface EchoboxServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  /** Bearer token of a seeded admin. */
  token: string;
  /** fetch against the server with the admin's bearer token (and JSON content type for bodies). */
  staff(path: string, init?: RequestInit): Promise<Response>;
  /** GET a staff JSON resource, throwing on a non-2xx answer. */
  staffJson<T = unknown>(path: string): Promise<T>;
  /** Everything the current process printed. */
  output(): string;
  /** Clean shutdown (SIGTERM). */
  stop(): Promise<void>;
  /** Start again on the same port and data. */
  start(): Promise<void>;
  /** Stop and delete the data folder. */
  dispose(): Promise<void>;
  /** Move the server's test clock to this instant (it runs on from there); only with `clock` given at start. */
  setClock(instant: string): Promise<void>;
}

/** What a seed step may create before the first start. */
export interface SeedTools {
  db: Db;
  /** A site key for these origins (rate limit out of the way); returns the public key. */
  siteKey(input: { origins: string[]; department?: string; name?: string }): Promise<{ key: string; identitySecret: string }>;
  /** A staff member with a bearer token. */
  staffUser(role: Role, department?: string): Promise<{ id: string; token: string }>;
}

/** Start a fresh server; `seed` runs against its database first (the admin token is always made). */
export async function startEchobox<T = undefined>(
  options: {
    seed?: (tools: SeedTools) => Promise<T>;
    env?: Record<string, string>;
    port?: number;
    /** Run the server on the test clock from this instant (ECHOBOX_TEST_CLOCK, docs/architecture.md § Tests). */
    clock?: string;
  } = {},
): Promise<EchoboxServer & { seeded: T }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'echobox-e2e-'));
  const clockFile = join(dataDir, 'test-clock');
  const env = { ...options.env, ...(options.clock ? { NODE_ENV: 'test', ECHOBOX_TEST_CLOCK: options.clock, ECHOBOX_TEST_CLOCK_FILE: clockFile } : {}) };
  const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const tools: SeedTools = {
    db: database.db,
    async siteKey({ origins, department = 'WEB', name = 'e2e site' }) {
      const created = await createSiteKey(database.db, { name, department, allowedOrigins: origins, ratePerMinute: 100_000 });
      return { key: created.siteKey.key, identitySecret: created.identitySecret };
    },
    async staffUser(role, department = 'CS') {
      const user = await createUser(database.db, {
        email: `${role}.${Math.random().toString(36).slice(2)}@example.com`,
        name: `${role} e2e`,
        role,
        department,
        password: 'correct horse battery staple',
      });
      const { token } = await createToken(database.db, user.id, 'e2e');
      return { id: user.id, token };
    },
  };
  let seeded: T;
  let token: string;
  try {
    token = (await tools.staffUser('admin', 'ADMIN')).token;
    seeded = (options.seed ? await options.seed(tools) : undefined) as T;
  } finally {
    await database.close();
  }
  const port = options.port ?? (await freePort());
  let proc: ServerProcess | undefined = await startServer({ dataDir }, { port, env, readyTimeoutMs: 60_000 });
  const url = `http://127.0.0.1:${port}`;
  const staff = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
    });
  return {
    url,
    port,
    dataDir,
    token,
    seeded,
    staff,
    async staffJson<R>(path: string) {
      const res = await staff(path);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as R;
    },
    output: () => proc?.output() ?? '',
    async stop() {
      await proc?.stop();
      proc = undefined;
    },
    async start() {
      if (!proc) proc = await startServer({ dataDir }, { port, env, readyTimeoutMs: 60_000 });
    },
    async setClock(instant) {
      if (!options.clock) throw new Error('setClock: start the server with a clock');
      // Whole or not at all: the server reads the file whenever it tells the time.
      await writeFile(`${clockFile}.tmp`, instant);
      await rename(`${clockFile}.tmp`, clockFile);
    },
    async dispose() {
      await proc?.stop();
      proc = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
