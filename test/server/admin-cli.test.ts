import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from './support/databases';
import { testApp } from './support/app';
import { openDatabase } from '../../server/db/open';
import { findActiveSiteKey, findSiteKey } from '../../server/store/site-keys';
import { findUser } from '../../server/store/users';

/*
 * The admin CLI as an operator runs it: a separate Node process on the same store the server
 * uses. Each run opens the database, so the steps share one PGlite folder and run in order.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = 120_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runAdmin(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/admin.ts', ...args],
      { cwd: ROOT, env, timeout: SLOW },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const parse = <T>(run: Run): T => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
};

interface UserOut {
  id: string;
  email: string;
  role: string;
  department: string;
  disabled: boolean;
}
interface SiteKeyOut {
  id: string;
  key: string;
  active: boolean;
  ratePerMinute: number;
  allowedOrigins: string[];
  allowedQueryKeys: string[];
}

describe('npm run admin (PGlite in DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'echobox-admin-'));
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, DATA_DIR: dataDir };
  const admin = (...args: string[]) => runAdmin(args, env);
  const tokens: { kept?: string; revoked?: string; revokedId?: string } = {};
  let siteKey: { id: string; key: string; identitySecret: string } | undefined;

  beforeAll(async () => {
    // The first run creates and migrates the store; later runs only open it.
    const first = await admin('users', 'list');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('No staff accounts.');
  }, SLOW);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help with every command and exits 0', async () => {
    const run = await admin('help');
    expect(run.code).toBe(0);
    for (const command of ['users list', 'users create', 'users update', 'users disable', 'tokens create', 'tokens list', 'tokens revoke', 'site-keys list', 'site-keys create', 'site-keys update', 'site-keys rotate']) {
      expect(run.stdout).toContain(command);
    }
  }, SLOW);

  it('exits 2 with a clear message on usage errors, before touching the store', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage: npm run admin/],
      [['users', 'delete', 'x@example.com'], /Unknown command: users delete/],
      [['users', 'create', '--name', 'Ann'], /--email: required[\s\S]*--role: required[\s\S]*--department: required/],
      [['users', 'create', '--email', 'ann@example.com', '--name', 'Ann', '--role', 'boss', '--department', 'CS'], /--role: Expected one of/],
      [['users', 'create', '--email', 'ann@example.com', '--name', 'Ann', '--role', 'agent', '--department', 'CS', '--password', 'short'], /--password: Too small/],
      [['users', 'list', '--bogus'], /Unknown option '--bogus'/],
      [['users', 'update', 'ann@example.com'], /nothing to change/],
      [['users', 'update', 'ann@example.com', '--enable', '--disable'], /not both/],
      [['users', 'update', 'not-an-id', '--name', 'X'], /Not a user id or e-mail address/],
      [['tokens', 'create', 'ann@example.com'], /--name: required/],
      [['tokens', 'revoke'], /Missing <token id>/],
      [['site-keys', 'create', '--name', 'Shop', '--department', 'CS', '--origin', 'http://shop.example.com'], /--origin #1: Expected an origin/],
      [['site-keys', 'create', '--name', 'Shop', '--department', 'CS'], /--origin: Too small/],
      [['site-keys', 'create', '--name', 'Shop', '--department', 'CS', '--origin', 'https://a.example.com', '--rate', 'fast'], /--rate must be a whole number/],
    ];
    const runs = await Promise.all(cases.map(([args]) => admin(...args)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    });
    const list = await admin('users', 'list', '--json');
    expect(parse<{ items: unknown[] }>(list).items).toEqual([]);
  }, SLOW);

  it('creates, updates and disables a staff account', async () => {
    const created = parse<{ user: UserOut; password: string }>(
      await admin('users', 'create', '--email', 'Ann.Li@Example.com', '--name', 'Ann Li', '--role', 'agent', '--department', 'CS', '--generate-password', '--json'),
    );
    expect(created.user).toMatchObject({ email: 'ann.li@example.com', role: 'agent', department: 'CS', disabled: false });
    expect(created.password.length).toBeGreaterThanOrEqual(12);

    const duplicate = await admin('users', 'create', '--email', 'ann.li@example.com', '--name', 'Again', '--role', 'admin', '--department', 'CS');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);

    const updated = parse<{ user: UserOut }>(await admin('users', 'update', 'ann.li@example.com', '--role', 'reviewer', '--department', 'PM', '--json'));
    expect(updated.user).toMatchObject({ id: created.user.id, role: 'reviewer', department: 'PM' });

    const missing = await admin('users', 'update', 'nobody@example.com', '--name', 'Nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No staff account nobody@example.com/);

    const table = await admin('users', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ann\.li@example\.com\s+Ann Li\s+reviewer\s+PM\s+false/);
  }, SLOW);

  it('issues tokens once, lists only metadata, and revokes', async () => {
    await admin('users', 'create', '--email', 'agent@example.com', '--name', 'Agent', '--role', 'agent', '--department', 'CS');
    const text = await admin('tokens', 'create', 'agent@example.com', '--name', 'Chrome on laptop');
    expect(text.code, text.stderr).toBe(0);
    tokens.kept = /^\s+(ebx_[\w-]+)$/m.exec(text.stdout)?.[1];
    expect(tokens.kept).toBeDefined();
    expect(text.stdout).toMatch(/Shown once/);

    const second = parse<{ id: string; token: string }>(await admin('tokens', 'create', 'agent@example.com', '--name', 'Old', '--json'));
    tokens.revoked = second.token;
    tokens.revokedId = second.id;

    const list = await admin('tokens', 'list', 'agent@example.com');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Chrome on laptop');
    expect(list.stdout).not.toContain(tokens.kept);
    expect(list.stdout).not.toContain(second.token);

    expect((await admin('tokens', 'revoke', second.id)).code).toBe(0);
    const again = await admin('tokens', 'revoke', second.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No active token/);
  }, SLOW);

  it('creates, updates and rotates site keys', async () => {
    const created = parse<{ siteKey: SiteKeyOut; identitySecret: string }>(
      await admin('site-keys', 'create', '--name', 'Web shop', '--department', 'CS', '--origin', 'https://shop.example.com', '--origin', 'http://localhost:5173', '--query-key', 'tab', '--query-key', 'utm_source', '--json'),
    );
    expect(created.siteKey).toMatchObject({ allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'], allowedQueryKeys: ['tab', 'utm_source'], ratePerMinute: 30, active: true });
    expect(created.siteKey.key).toMatch(/^ebx_pk_/);
    siteKey = { id: created.siteKey.id, key: created.siteKey.key, identitySecret: created.identitySecret };

    const list = await admin('site-keys', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(siteKey.key);
    expect(list.stdout).not.toContain(siteKey.identitySecret);

    const updated = parse<{ siteKey: SiteKeyOut }>(
      await admin('site-keys', 'update', siteKey.key, '--rate', '60', '--origin', 'https://www.example.com', '--no-query-keys', '--disable', '--json'),
    );
    expect(updated.siteKey).toMatchObject({ id: siteKey.id, ratePerMinute: 60, allowedOrigins: ['https://www.example.com'], allowedQueryKeys: [], active: false });

    const rotated = await admin('site-keys', 'rotate', siteKey.id);
    expect(rotated.code).toBe(0);
    const secret = /^\s+(ebx_is_[\w-]+)$/m.exec(rotated.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(secret).not.toBe(siteKey.identitySecret);
    siteKey.identitySecret = secret!;

    const unknown = await admin('site-keys', 'rotate', 'ebx_pk_unknown_key');
    expect(unknown.code).toBe(1);
  }, SLOW);

  it('disables an account, and what the CLI stored is what the server sees', async () => {
    expect((await admin('users', 'disable', 'ann.li@example.com')).code).toBe(0);

    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      expect(await findUser(database.db, 'ann.li@example.com')).toMatchObject({ disabled: true, role: 'reviewer' });
      const { app } = testApp(database);
      const me = await app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${tokens.kept}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ user: { email: 'agent@example.com' } });
      const revoked = await app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${tokens.revoked}` } });
      expect(revoked.status).toBe(401);

      expect(await findSiteKey(database.db, siteKey!.id)).toMatchObject({ active: false, ratePerMinute: 60 });
      expect(await findActiveSiteKey(database.db, siteKey!.key)).toBeUndefined();
    } finally {
      await database.close();
    }
  }, SLOW);
});

describe('npm run admin (PostgreSQL via DATABASE_URL)', () => {
  it('uses DATABASE_URL when set', async (context) => {
    const database = await createPostgresDatabase(2);
    if (!database) return context.skip();
    try {
      const env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: '/nonexistent/should-not-be-used' };
      const created = await runAdmin(['users', 'create', '--email', 'pg@example.com', '--name', 'Pg', '--role', 'admin', '--department', 'OPS', '--json'], env);
      expect(created.code, created.stderr).toBe(0);
      expect(await findUser(database.db, 'pg@example.com')).toMatchObject({ role: 'admin', department: 'OPS' });
      const token = parse<{ token: string }>(await runAdmin(['tokens', 'create', 'pg@example.com', '--name', 'ci', '--json'], env));
      const { app } = testApp(database);
      const me = await app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${token.token}` } });
      expect(me.status).toBe(200);
    } finally {
      await database.close();
    }
  }, SLOW);
});
