import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { openDatabase, type Database } from '../../server/db/open';
import { prefetchBodies } from '../../server/prefetch-bodies';
import { staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';

/** Send a raw request over a socket; `chunks` are written one by one (no content-length: chunked). */
function send(url: string, options: { method: string; headers: Record<string, string>; chunks: Buffer[] }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies read ahead of the app (real HTTP server)', () => {
  const MAX = 16 * 1024;
  let database: Database;
  let server: Server;
  let base: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    const { app } = testApp(database, { config: { maxJsonBytes: MAX } });
    auth = (await staff(database, 'agent')).auth;
    // Reads ahead up to twice the app's limit, so both of the app's size checks are reached.
    server = createServer(prefetchBodies(getRequestListener(app.fetch), { maxBytes: 2 * MAX }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('stores a record whose body arrived in several packets, split inside a Chinese character', async () => {
    const input = recordInput({ problem: '导出报表时点击导出按钮没有反应,客户多次提及问题未解决' });
    const bytes = Buffer.from(JSON.stringify(input));
    const cut = bytes.indexOf(Buffer.from('导')) + 1;
    const headers = { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) };
    const res = await send(`${base}/api/v1/records`, { method: 'POST', headers, chunks: [bytes.subarray(0, cut), bytes.subarray(cut)] });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).record.problem).toBe(input.problem);
  });

  it('reads a body that starts with a byte order mark, as a web request would', async () => {
    const input = recordInput();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(input))]);
    const headers = { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) };
    const res = await send(`${base}/api/v1/records`, { method: 'POST', headers, chunks: [bytes] });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).record.id).toBe(input.id);
  });

  it('still reads a chunked body (no content-length) through the stream', async () => {
    const input = recordInput();
    const bytes = Buffer.from(JSON.stringify(input));
    const headers = { ...auth, 'content-type': 'application/json' };
    const res = await send(`${base}/api/v1/records`, { method: 'POST', headers, chunks: [bytes.subarray(0, 10), bytes.subarray(10)] });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).record.id).toBe(input.id);
  });

  it('answers a body over the app limit with 413 problem+json, read ahead or not', async () => {
    for (const size of [MAX, 3 * MAX]) {
      const bytes = Buffer.from(JSON.stringify(recordInput({ notes: 'x'.repeat(size) })));
      const headers = { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) };
      const res = await send(`${base}/api/v1/records`, { method: 'POST', headers, chunks: [bytes] });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large', limit: MAX });
    }
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const bytes = Buffer.from('{"id": ');
    const headers = { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) };
    const res = await send(`${base}/api/v1/records`, { method: 'POST', headers, chunks: [bytes] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).code).toBe('invalid_json');
  });

  it('keeps serving after a client hangs up halfway through its body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${base}/api/v1/records`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"id":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('refuses a bad setup', () => {
    expect(() => prefetchBodies(() => {}, { maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => prefetchBodies(() => {}, { maxBytes: 1, maxWriteBytesInFlight: 0 })).toThrow(/maxWriteBytesInFlight/);
  });

  it('with maxWritesInFlight, answers a write beyond the cap 503 with Retry-After at once, and lets reads through', async () => {
    const { app } = testApp(database);
    const gated = createServer(prefetchBodies(getRequestListener(app.fetch), { maxBytes: 2 * MAX, maxWritesInFlight: 1 }));
    await new Promise<void>((resolve) => gated.listen(0, '127.0.0.1', resolve));
    const address = gated.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      // The first write is in flight until the rest of its body arrives.
      const first = recordInput();
      const bytes = Buffer.from(JSON.stringify(first));
      const slow = request(`${url}/api/v1/records`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) },
      });
      const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
        slow.on('response', (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        slow.on('error', reject);
      });
      slow.write(bytes.subarray(0, 10));
      // Wait until the server holds it: a second write is refused only once the first is counted.
      let refused: Response | undefined;
      for (let i = 0; i < 200 && !refused; i++) {
        const res = await fetch(`${url}/api/v1/records`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(recordInput()) });
        if (res.status === 503) refused = res;
        else expect(res.status).toBe(201);
      }
      expect(refused?.headers.get('retry-after')).toBe('2');
      expect(await refused?.json()).toMatchObject({ status: 503, code: 'overloaded' });
      expect((await fetch(`${url}/api/v1/records?limit=1`, { headers: auth })).status).toBe(200);
      slow.end(bytes.subarray(10));
      expect((await answered).status).toBe(201);
      // Answered requests leave the count: the next write goes through.
      const next = await fetch(`${url}/api/v1/records`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(recordInput()) });
      expect(next.status).toBe(201);
    } finally {
      await new Promise((resolve) => gated.close(resolve));
    }
  });

  it('with maxWriteBytesInFlight, answers a write whose body would pass the bytes in flight 503 before the body is sent', async () => {
    const { app } = testApp(database);
    const first = Buffer.from(JSON.stringify(recordInput()));
    const small = Buffer.from(JSON.stringify(recordInput()));
    const large = Buffer.from(JSON.stringify(recordInput({ notes: 'x'.repeat(4000) })));
    // Room for the first and the small one at once, not for the first and the large one.
    const budget = first.length + small.length + 100;
    const gated = createServer(prefetchBodies(getRequestListener(app.fetch), { maxBytes: 2 * MAX, maxWriteBytesInFlight: budget }));
    await new Promise<void>((resolve) => gated.listen(0, '127.0.0.1', resolve));
    const address = gated.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/records`;
    /** A write whose headers are sent now and whose body only when `finish` is called. */
    const held = (bytes: Buffer) => {
      const req = request(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'content-length': String(bytes.length) } });
      const answered = new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
        });
        req.on('error', reject);
      });
      req.flushHeaders();
      return { answered, finish: () => req.end(bytes), abandon: () => req.destroy() };
    };
    const post = (bytes: Buffer) => fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: bytes.toString() });
    try {
      // The server's own listener runs first, so once this one sees the request it is counted.
      const counted = new Promise<void>((resolve) => gated.once('request', () => resolve()));
      const slow = held(first);
      await counted;
      const tooLarge = held(large);
      const refused = await tooLarge.answered;
      tooLarge.abandon();
      // Answered while its body was still unsent: nothing of it was read.
      expect(refused).toMatchObject({ status: 503, retryAfter: '2' });
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'overloaded' });
      // A write that fits beside the first goes through while the first is still in flight.
      expect((await post(small)).status).toBe(201);
      slow.finish();
      expect((await slow.answered).status).toBe(201);
      // Once the first is answered, the large one fits.
      expect((await post(large)).status).toBe(201);
    } finally {
      gated.closeAllConnections();
      await new Promise((resolve) => gated.close(resolve));
    }
  });
});
