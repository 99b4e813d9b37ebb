import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';

/*
 * PGlite runs statements on the server's own thread. A long chain of them (a batch of writes) must
 * let the event loop poll between statements: Node accepts one new connection per loop iteration,
 * so otherwise a visitor's connection waits in the kernel's queue until the whole batch is over.
 * Observed as order, not time: a request sent as the batch starts is answered before it ends.
 */
describe('PGlite store under a long batch of statements', () => {
  let database: Database;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('answers a new connection while a transaction of 500 statements runs', async () => {
    const events: string[] = [];
    const batch = database.db.transaction(async (tx) => {
      for (let i = 0; i < 500; i++) await tx.execute(sql`SELECT ${i}::int AS n`);
      events.push('batch done');
    });
    const visitor = fetch(url).then(async (res) => {
      events.push(`visitor answered ${res.status} ${await res.text()}`);
    });
    await Promise.all([batch, visitor]);
    expect(events).toEqual(['visitor answered 200 ok', 'batch done']);
  });
});
