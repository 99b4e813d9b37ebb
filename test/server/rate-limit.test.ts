import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { TEST_STORES } from './support/databases';
import { testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { createSiteKey } from '../../server/store/site-keys';
import { siteKey, SITE_KEY_HEADER } from '../../server/middleware/site-key';
import { clientAddress, rateLimit, siteRateLimit } from '../../server/middleware/rate-limit';

const SHOP = 'https://shop.example.com';

/** The app plus test-only public routes behind siteKey + the site rate limit. */
function appWithProbes(database: Database) {
  const t = testApp(database, { testRoutes: ['/api/v1/public/limited', '/api/v1/public/limited-proxied', '/api/probe/keyed'] });
  t.app
    .post('/api/v1/public/limited', siteKey(), siteRateLimit(), (c) => c.json({ ok: true }))
    .post('/api/v1/public/limited-proxied', siteKey(), siteRateLimit({ trustProxy: true }), (c) => c.json({ ok: true }))
    .get(
      '/api/probe/keyed',
      rateLimit({ windowMs: 10_000, max: 1, key: (c) => c.req.header('x-k') ?? '', maxKeys: 2 }),
      (c) => c.json({ ok: true }),
    );
  return t;
}

describe.each(TEST_STORES)('rate limits on $name', (store) => {
  let database: Database;
  let shopKey: string;
  let otherKey: string;

  beforeAll(async () => {
    database = await store.open();
    shopKey = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 3 }))
      .siteKey.key;
    otherKey = (await createSiteKey(database.db, { name: 'Other', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 3 }))
      .siteKey.key;
  });
  afterAll(() => database.close());

  const send = (key: string, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP, [SITE_KEY_HEADER]: key, ...headers },
    body: '{}',
  });

  it('allows ratePerMinute requests, then answers 429 rate_limited with Retry-After until the window ends', async () => {
    const { app, clock } = appWithProbes(database);
    for (let i = 0; i < 3; i++) expect((await app.request('/api/v1/public/limited', send(shopKey))).status).toBe(200);
    const limited = await app.request('/api/v1/public/limited', send(shopKey));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = await limited.json();
    expect(body).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 60, limit: 3, scope: 'instance' });
    // The widget may read the problem and the Retry-After header cross-origin.
    expect(limited.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(limited.headers.get('access-control-expose-headers')).toMatch(/Retry-After/i);

    clock.now = new Date(clock.now.getTime() + 45_500);
    const later = await app.request('/api/v1/public/limited', send(shopKey));
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe('15');

    clock.now = new Date(clock.now.getTime() + 14_500);
    expect((await app.request('/api/v1/public/limited', send(shopKey))).status).toBe(200);
  });

  it('counts each site key separately', async () => {
    const { app } = appWithProbes(database);
    for (let i = 0; i < 3; i++) await app.request('/api/v1/public/limited', send(shopKey));
    expect((await app.request('/api/v1/public/limited', send(shopKey))).status).toBe(429);
    expect((await app.request('/api/v1/public/limited', send(otherKey))).status).toBe(200);
  });

  it('does not count requests refused by the site key check', async () => {
    const { app } = appWithProbes(database);
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/v1/public/limited', send(shopKey, { origin: 'https://evil.example.net' }))).status).toBe(403);
    }
    expect((await app.request('/api/v1/public/limited', send(shopKey))).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless trustProxy is on', async () => {
    const { app } = appWithProbes(database);
    for (let i = 0; i < 3; i++) {
      await app.request('/api/v1/public/limited', send(shopKey, { 'x-forwarded-for': `10.0.0.${i}` }));
    }
    const spoofed = await app.request('/api/v1/public/limited', send(shopKey, { 'x-forwarded-for': '10.0.0.99' }));
    expect(spoofed.status).toBe(429);
  });

  it('with trustProxy, counts per client address the proxy appended, not spoofed entries', async () => {
    const { app } = appWithProbes(database);
    const from = (xff: string) => app.request('/api/v1/public/limited-proxied', send(shopKey, { 'x-forwarded-for': xff }));
    for (let i = 0; i < 3; i++) expect((await from(`1.1.1.${i}, 203.0.113.7`)).status).toBe(200);
    expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
  });

  it('keeps at most maxKeys windows, dropping the oldest', async () => {
    const { app } = appWithProbes(database);
    const hit = (k: string) => app.request('/api/probe/keyed', { headers: { 'x-k': k } });
    expect((await hit('a')).status).toBe(200);
    expect((await hit('a')).status).toBe(429);
    await hit('b');
    await hit('c'); // evicts a
    expect((await hit('a')).status).toBe(200);
    expect((await hit('c')).status).toBe(429);
  });

  it('keeps separate counters per app instance', async () => {
    const first = appWithProbes(database);
    for (let i = 0; i < 3; i++) await first.app.request('/api/v1/public/limited', send(shopKey));
    expect((await first.app.request('/api/v1/public/limited', send(shopKey))).status).toBe(429);
    const second = appWithProbes(database);
    expect((await second.app.request('/api/v1/public/limited', send(shopKey))).status).toBe(200);
  });
});

describe('rateLimit options and client address', () => {
  it('rejects bad options at setup', () => {
    const key = () => 'k';
    expect(() => rateLimit({ windowMs: 0, max: 1, key })).toThrow(/windowMs/);
    expect(() => rateLimit({ windowMs: 1000, max: -1, key })).toThrow(/max/);
    expect(() => rateLimit({ windowMs: 1000, max: 1.5, key })).toThrow(/max/);
    expect(() => rateLimit({ windowMs: 1000, max: 1, key: 'ip' as never })).toThrow(/key/);
    expect(() => rateLimit({ windowMs: 1000, max: 1, key, maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => siteRateLimit({ trustProxy: 'yes' as never })).toThrow(/trustProxy/);
  });

  it("reads the socket address under a real server and 'unknown' under app.request()", async () => {
    const app = new Hono().get('/probe/address', (c) => c.json({ address: clientAddress(c, false) }));
    expect(await (await app.request('/probe/address')).json()).toEqual({ address: 'unknown' });
    let server: ReturnType<typeof serve> | undefined;
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/probe/address`, { headers: { 'x-forwarded-for': '9.9.9.9' } });
      expect(await res.json()).toEqual({ address: '127.0.0.1' });
    } finally {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });
});
