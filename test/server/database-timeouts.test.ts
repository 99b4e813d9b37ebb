import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createPostgresDatabase } from './support/databases';
import { staff, testApp } from './support/app';
import { openDatabase, type Database } from '../../server/db/open';

/*
 * A stalled PostgreSQL must not hang every request: a statement blocked by another connection's
 * lock, or a database that stops answering at all, is answered 503 database_unavailable with
 * Retry-After once the configured timeout passes (short here; 5 s connect and 30 s statement by default).
 */

/** A TCP relay to PostgreSQL that can be made to stall: from then on it forwards nothing, old or new. */
async function stallableRelay(target: URL): Promise<{ port: number; stall(): void; close(): Promise<void> }> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (stalled) return; // accepted, never answered
    const upstream = connect({ host: target.hostname, port: Number(target.port || 5432) });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk) => void (stalled || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (stalled || client.write(chunk)));
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stall: () => void (stalled = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL timeouts', () => {
  let base: Database & { url: string };
  beforeAll(async () => {
    base = (await createPostgresDatabase(2))!;
  });
  afterAll(async () => {
    await base?.close();
  });

  it('answers a statement blocked by another connection’s lock with 503 database_unavailable and Retry-After', async () => {
    const database = await openDatabase({ url: base.url, poolSize: 2, timeouts: { statementMs: 300 } });
    const locker = new pg.Client({ connectionString: base.url });
    await locker.connect();
    try {
      const admin = await staff(database, 'admin', 'ADMIN');
      const { app, logs } = testApp(database);
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');

      const res = await app.request('/api/v1/users', { headers: admin.auth });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
      // Logged by SQLSTATE: 57014, the statement was cancelled by the timeout.
      expect(logs.join('')).toContain('"code":"57014"');

      await locker.query('ROLLBACK');
      expect((await app.request('/api/v1/users', { headers: admin.auth })).status).toBe(200);
    } finally {
      await locker.end();
      await database.close();
    }
  });

  it('answers 503 when the database stops answering at all, on open connections and new ones', async () => {
    const relay = await stallableRelay(new URL(base.url));
    const url = new URL(base.url);
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    const database = await openDatabase({ url: url.toString(), poolSize: 2, timeouts: { connectMs: 300, statementMs: 300 } });
    try {
      const admin = await staff(database, 'admin', 'ADMIN');
      const { app } = testApp(database);
      expect((await app.request('/api/v1/users', { headers: admin.auth })).status).toBe(200);

      relay.stall();
      // The first request meets a pooled connection that no longer answers; the next must open a new one.
      for (let i = 0; i < 2; i++) {
        const res = await app.request('/api/v1/users', { headers: admin.auth });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toMatchObject({ code: 'database_unavailable' });
      }
    } finally {
      await relay.close();
      await database.close().catch(() => {});
    }
  });
});
