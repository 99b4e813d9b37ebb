import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { createSiteKey, updateSiteKey } from '../../server/store/site-keys';
import { siteKey, SITE_KEY_HEADER } from '../../server/middleware/site-key';
import { corsForSite } from '../../server/middleware/cors-for-site';
import { honeypot, honeypotTripped } from '../../server/middleware/honeypot';

const SHOP = 'https://shop.example.com';
const BLOG = 'https://blog.example.com';
const EVIL = 'https://evil.example.net';

/** The app plus test-only public routes behind the guards (the submission route does not exist yet). */
function appWithProbes(database: Database) {
  const t = testApp(database, { testRoutes: ['/api/v1/public/probe', '/api/v1/public/submit-probe'] });
  const stored: unknown[] = [];
  t.app
    .post('/api/v1/public/probe', siteKey(), (c) => {
      const { id, department, origin, ratePerMinute } = c.get('site');
      return c.json({ id, department, origin, ratePerMinute });
    })
    .get('/api/v1/public/probe', siteKey(), (c) => c.json({ id: c.get('site').id }))
    .post(
      '/api/v1/public/submit-probe',
      siteKey(),
      honeypot({ answer: (_c, body) => ({ id: (body as { id?: unknown }).id, status: 'accepted' }) }),
      async (c) => {
        const body = await c.req.json();
        stored.push(body);
        return c.json({ id: body.id, status: 'accepted' }, 202);
      },
    );
  return { ...t, stored };
}

describe.each(TEST_STORES)('public guards on $name', (store) => {
  let database: Database;
  let shopKey: string;
  let shopId: string;
  let blogKey: string;

  beforeAll(async () => {
    database = await store.open();
    const shop = await createSiteKey(database.db, {
      name: 'Shop',
      department: 'CS',
      allowedOrigins: [SHOP, 'https://www.shop.example.com'],
      ratePerMinute: 40,
    });
    shopKey = shop.siteKey.key;
    shopId = shop.siteKey.id;
    blogKey = (await createSiteKey(database.db, { name: 'Blog', department: 'MKT', allowedOrigins: [BLOG] })).siteKey
      .key;
  });
  afterAll(() => database.close());

  const post = (headers: Record<string, string>, body: unknown = { hello: 'world' }) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  describe('siteKey()', () => {
    it('admits a known key from one of its origins and exposes the site', async () => {
      const { app } = appWithProbes(database);
      const res = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: shopKey, origin: SHOP }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: shopId, department: 'CS', origin: SHOP, ratePerMinute: 40 });
      const www = await app.request(
        '/api/v1/public/probe',
        post({ [SITE_KEY_HEADER]: shopKey, origin: 'https://www.shop.example.com' }),
      );
      expect((await www.json()).origin).toBe('https://www.shop.example.com');
    });

    it('answers 401 unknown_site_key for a missing, unknown or deactivated key', async () => {
      const { app } = appWithProbes(database);
      const missing = await app.request('/api/v1/public/probe', post({ origin: SHOP }));
      expect(missing.status).toBe(401);
      expect((await missing.json()).code).toBe('unknown_site_key');
      const unknown = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: 'ebx_pk_nope', origin: SHOP }));
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await unknown.json()).code).toBe('unknown_site_key');

      const old = await createSiteKey(database.db, { name: 'Old', department: 'CS', allowedOrigins: [SHOP] });
      await updateSiteKey(database.db, old.siteKey.id, { active: false });
      const inactive = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: old.siteKey.key, origin: SHOP }));
      expect(inactive.status).toBe(401);
      expect((await inactive.json()).code).toBe('unknown_site_key');
    });

    it.each([
      ['a foreign origin', EVIL],
      ['another site key’s origin', BLOG],
      ['another scheme', 'http://shop.example.com'],
      ['a sub-domain', 'https://evil.shop.example.com'],
      ['a trailing slash', `${SHOP}/`],
      ['an explicit port', `${SHOP}:443`],
      ['the opaque null origin', 'null'],
    ])('answers 403 origin_not_allowed for %s', async (_label, origin) => {
      const { app } = appWithProbes(database);
      const res = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: shopKey, origin }));
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('origin_not_allowed');
    });

    it('answers 403 origin_not_allowed when the Origin header is missing', async () => {
      const { app } = appWithProbes(database);
      const res = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: shopKey }));
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('origin_not_allowed');
    });

    it('treats a same-origin GET without Origin as coming from this server, as browsers send it', async () => {
      const { app } = appWithProbes(database);
      // A page on the shop's own origin: the browser leaves Origin off and says same-origin.
      const own = await app.request(`${SHOP}/api/v1/public/probe?siteKey=${shopKey}`, { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(own.status).toBe(200);
      const crossSite = await app.request(`${SHOP}/api/v1/public/probe?siteKey=${shopKey}`, { headers: { 'sec-fetch-site': 'cross-site' } });
      expect(crossSite.status).toBe(403);
      const elsewhere = await app.request(`https://evil.example/api/v1/public/probe?siteKey=${shopKey}`, { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(elsewhere.status).toBe(403);
    });

    it('takes the key from ?siteKey= on GET only', async () => {
      const { app } = appWithProbes(database);
      const get = await app.request(`/api/v1/public/probe?siteKey=${shopKey}`, { headers: { origin: SHOP } });
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({ id: shopId });
      const viaPost = await app.request(`/api/v1/public/probe?siteKey=${shopKey}`, post({ origin: SHOP }));
      expect(viaPost.status).toBe(401);
    });

    it('rejects bad options at setup', () => {
      expect(() => siteKey({ allowQuery: 'yes' as unknown as boolean })).toThrow(/allowQuery/);
    });
  });

  describe('CORS for site origins', () => {
    const preflight = (origin: string | undefined) => ({
      method: 'OPTIONS',
      headers: {
        ...(origin ? { origin } : {}),
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-echobox-site-key,x-echobox-reporter',
      },
    });

    it('answers a preflight from an allowed origin with that exact origin, never *', async () => {
      const { app } = appWithProbes(database);
      const res = await app.request('/api/v1/public/probe', preflight(BLOG));
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(BLOG);
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
      expect(allowed.sort()).toEqual(['content-type', 'x-echobox-reporter', 'x-echobox-site-key']);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('refuses a preflight from a foreign or missing origin without CORS headers', async () => {
      const { app } = appWithProbes(database);
      for (const origin of [EVIL, undefined, 'null']) {
        const res = await app.request('/api/v1/public/probe', preflight(origin));
        expect(res.status).toBe(403);
        expect((await res.json()).code).toBe('origin_not_allowed');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
    });

    it('adds the CORS headers to real responses, errors included, for allowed origins only', async () => {
      const { app } = appWithProbes(database);
      const okRes = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: shopKey, origin: SHOP }));
      expect(okRes.status).toBe(200);
      expect(okRes.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(okRes.headers.get('access-control-expose-headers')).toMatch(/Retry-After/i);
      expect(okRes.headers.get('vary')).toMatch(/\bOrigin\b/);

      // The widget on an allowed origin can read why it failed.
      const badKey = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: 'ebx_pk_nope', origin: SHOP }));
      expect(badKey.status).toBe(401);
      expect(badKey.headers.get('access-control-allow-origin')).toBe(SHOP);

      const foreign = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: shopKey, origin: EVIL }));
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('caches the origin lookup briefly: a deactivated origin stops passing preflight once the entry expires', async () => {
      const origin = 'https://cache.example.org';
      const made = await createSiteKey(database.db, { name: 'Cache', department: 'CS', allowedOrigins: [origin] });
      const { app, clock } = appWithProbes(database);
      expect((await app.request('/api/v1/public/probe', preflight(origin))).status).toBe(204);
      await updateSiteKey(database.db, made.siteKey.id, { active: false });
      expect((await app.request('/api/v1/public/probe', preflight(origin))).status).toBe(204);
      // The real request is always checked against the database.
      const real = await app.request('/api/v1/public/probe', post({ [SITE_KEY_HEADER]: made.siteKey.key, origin }));
      expect(real.status).toBe(401);
      clock.now = new Date(clock.now.getTime() + 31_000);
      expect((await app.request('/api/v1/public/probe', preflight(origin))).status).toBe(403);
    });

    it('does not touch staff routes', async () => {
      const { app } = appWithProbes(database);
      const res = await app.request('/healthz', { headers: { origin: SHOP } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('rejects bad options at setup', () => {
      expect(() => corsForSite({ cacheMs: -1 })).toThrow(/cacheMs/);
      expect(() => corsForSite({ maxCachedOrigins: 0 })).toThrow(/maxCachedOrigins/);
    });
  });

  describe('honeypot', () => {
    const submission = (extra: Record<string, unknown>) => ({ id: '0190a5c2-1111-7000-8000-000000000001', ...extra });

    it('answers a filled honeypot like a success and stores nothing', async () => {
      const { app, stored } = appWithProbes(database);
      const res = await app.request(
        '/api/v1/public/submit-probe',
        post({ [SITE_KEY_HEADER]: shopKey, origin: SHOP }, submission({ website: 'http://spam.example' })),
      );
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ id: '0190a5c2-1111-7000-8000-000000000001', status: 'accepted' });
      expect(stored).toEqual([]);
    });

    it('lets an empty or absent honeypot through to the route', async () => {
      const { app, stored } = appWithProbes(database);
      for (const body of [submission({ website: '' }), submission({})]) {
        const res = await app.request('/api/v1/public/submit-probe', post({ [SITE_KEY_HEADER]: shopKey, origin: SHOP }, body));
        expect(res.status).toBe(202);
      }
      expect(stored).toHaveLength(2);
    });

    it('still runs after the site key check, so a bot with no valid key learns nothing new', async () => {
      const { app, stored } = appWithProbes(database);
      const res = await app.request(
        '/api/v1/public/submit-probe',
        post({ [SITE_KEY_HEADER]: blogKey, origin: SHOP }, submission({ website: 'x' })),
      );
      expect(res.status).toBe(403);
      expect(stored).toEqual([]);
    });

    it('recognises what counts as filled', () => {
      expect(honeypotTripped({ website: 'http://spam.example' })).toBe(true);
      expect(honeypotTripped({ website: 42 })).toBe(true);
      expect(honeypotTripped({ website: ['x'] })).toBe(true);
      expect(honeypotTripped({ website: '' })).toBe(false);
      expect(honeypotTripped({ website: '   ' })).toBe(false);
      expect(honeypotTripped({ website: null })).toBe(false);
      expect(honeypotTripped({})).toBe(false);
      expect(honeypotTripped(null)).toBe(false);
      expect(honeypotTripped('website')).toBe(false);
      expect(honeypotTripped(Object.create({ website: 'inherited' }))).toBe(false);
    });

    it('rejects bad options at setup', () => {
      expect(() => honeypot({ answer: 'ok' as never })).toThrow(/answer/);
      expect(() => honeypot({ answer: () => ({}), status: 200 as never })).toThrow(/status/);
    });
  });
});
