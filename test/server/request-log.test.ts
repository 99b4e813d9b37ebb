import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';

/*
 * What the server writes to its log when a query fails: a disk-full 500 once wrote the upload's
 * bytes, record documents and CSRF tokens to stderr, because the failed query's message lists
 * every parameter. Now: a request line and an error by code and stack, nothing of the request.
 */

const SECRET_NAME = 'ebx_is_Zq8TqfS3cr3tParam';
const EMAIL = 'jane.secret@example.com';
const PASSWORD = 'hunter2-correct-horse-battery';
const COOKIE = 'ebx_session=cookie-secret-4f9a1b';

type Line = Record<string, unknown> & { msg: string; level: number };

describe.each(TEST_STORES)('server log lines on $name', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('log a failed query by code and stack, and a line per request, with no token, cookie, body, query or parameter', async () => {
    const admin = await staff(database, 'admin', 'ADMIN');
    const { app, logs } = testApp(database, { logLevel: 'info' });
    // A store that fails on insert the way a full disk does, with the row's values in its message.
    await database.db.execute(sql.raw(`CREATE FUNCTION refuse_user_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not write user % (%)', NEW.email, NEW.name; END $$`));
    await database.db.execute(sql.raw('CREATE TRIGGER refuse_user_insert BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_user_insert()'));
    try {
      const res = await app.request(
        '/api/v1/users',
        json('POST', { email: EMAIL, name: SECRET_NAME, role: 'agent', department: 'CS', password: PASSWORD }, { ...admin.auth, cookie: COOKIE }),
      );
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'internal' });
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

      const search = await app.request(`/api/v1/records?q=${encodeURIComponent(EMAIL)}&limit=5`, { headers: { ...admin.auth, cookie: COOKIE } });
      expect(search.status).toBe(200);

      const text = logs.join('');
      for (const secret of [SECRET_NAME, EMAIL, 'jane.secret', PASSWORD, admin.token, 'cookie-secret-4f9a1b', 'params:', 'insert into']) {
        expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      }

      const lines = logs.map((line) => JSON.parse(line) as Line);
      const failed = lines.find((line) => line.msg === 'request failed');
      expect(failed).toMatchObject({ level: 50, requestId, method: 'POST', route: '/api/v1/users', code: 'internal' });
      const err = failed!.err as { type: string; stack: string; cause?: { code?: string } };
      expect(err.stack).toMatch(/^\s+at /);
      // PostgreSQL's code for RAISE EXCEPTION, found on the database error under drizzle's wrapper.
      expect(JSON.stringify(err)).toContain('"code":"P0001"');

      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests).toEqual([
        expect.objectContaining({ level: 30, requestId, method: 'POST', route: '/api/v1/users', status: 500, durationMs: expect.any(Number) }),
        expect.objectContaining({ method: 'GET', route: '/api/v1/records', status: 200, requestId: search.headers.get('x-request-id') }),
      ]);
    } finally {
      await database.db.execute(sql.raw('DROP TRIGGER IF EXISTS refuse_user_insert ON users'));
      await database.db.execute(sql.raw('DROP FUNCTION IF EXISTS refuse_user_insert()'));
    }
  });

  it('keeps a well-formed request id from the proxy in front, and replaces anything else', async () => {
    const { app } = testApp(database);
    const kept = await app.request('/healthz', { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const replaced = await app.request('/healthz', { headers: { 'x-request-id': 'evil\u00a0id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
