import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type RequestListener, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { openDatabase, type Database } from '../../server/db/open';
import { refuseAtEdge } from '../../server/edge-refusals';
import { createSiteKey } from '../../server/store/site-keys';
import { testApp } from './support/app';
import { submissionInput } from './support/fixtures';

const SHOP = 'https://shop.example.com';

/** POST a body over a real socket; resolves with status, headers and body. */
function post(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; retryAfter: string | undefined; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('public writes refused at the edge after a 429 (real HTTP server)', () => {
  let database: Database;
  let server: Server;
  let base: string;
  let key: string;
  let clock = Date.parse('2026-03-02T09:00:00Z');
  /** Requests the app itself saw. */
  let reachedApp = 0;
  const logged: { route: string; status: number }[] = [];

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    const { app } = testApp(database, { config: { trustProxy: true } });
    key = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 2 })).siteKey.key;
    const inner = getRequestListener(app.fetch);
    const counting: RequestListener = (req, res) => {
      reachedApp++;
      return inner(req, res);
    };
    server = createServer(refuseAtEdge(counting, { trustProxy: true, holdMs: 0, now: () => clock, log: (e) => logged.push(e) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  const submit = (address: string) =>
    post(`${base}/api/v1/public/submissions`, { 'x-echobox-site-key': key, origin: SHOP, 'x-forwarded-for': address }, JSON.stringify(submissionInput(`secret ${address}`)));

  it('answers a client that ignores Retry-After without running the app, and leaves other clients alone', async () => {
    expect((await submit('203.0.113.5')).status).toBe(201);
    expect((await submit('203.0.113.5')).status).toBe(201);
    const byApp = await submit('203.0.113.5');
    expect(byApp.status).toBe(429);
    const retryAfter = Number(byApp.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    const seen = reachedApp;

    const again = await submit('203.0.113.5');
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ status: 429, code: 'rate_limited', instance: '/api/v1/public/submissions' });
    expect(Number(again.retryAfter)).toBe(retryAfter);
    expect(reachedApp).toBe(seen);
    expect(logged.at(-1)).toMatchObject({ route: '/api/v1/public/*', status: 429 });

    // Another address of the same site still reaches the app and is stored.
    expect((await submit('198.51.100.9')).status).toBe(201);
    expect(reachedApp).toBe(seen + 1);
  });

  it('lets the client through to the app again once its Retry-After has passed', async () => {
    const refused = await submit('203.0.113.5');
    expect(refused.status).toBe(429);
    const seen = reachedApp;
    clock += Number(refused.retryAfter) * 1000;
    // The app decides again (its own window has its own clock): the request reached it.
    await submit('203.0.113.5');
    expect(reachedApp).toBe(seen + 1);
  });
});
