import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { openDatabase, type Database } from '../../server/db/open';
import { staff, testApp } from './support/app';
import { CUSTOM_ADAPTER } from './support/fixtures';
import { DEFAULT_CONFIG, type AppEnv, type Deps } from '../../server/context';
import { onError } from '../../server/errors';
import { createLogger } from '../../server/logging/logger';
import { adapterCatalog, adaptersRoutes } from '../../server/routes/adapters';
import { AdapterCatalog } from '../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { parseAdapterCatalog } from '../../shared/adapters/catalog';
import { capturePage } from '../../extension/capture/capture-page';
import { fixtureUrl, loadFixture } from '../extension/capture/load-fixture';

const CUSTOM = CUSTOM_ADAPTER;

describe('GET /api/v1/adapters', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>['app'];
  let agent: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    ({ app } = testApp(database));
    agent = await staff(database, 'agent');
  });
  afterAll(() => database.close());

  it('refuses requests without a valid staff token', async () => {
    const none = await app.request('/api/v1/adapters');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'unauthenticated' });
    const wrong = await app.request('/api/v1/adapters', { headers: { authorization: 'Bearer ebx_not_a_token' } });
    expect(wrong.status).toBe(401);
  });

  it('serves the built-in definitions with a version, an ETag and revalidation headers', async () => {
    const res = await app.request('/api/v1/adapters', { headers: agent.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const catalog = AdapterCatalog.parse(await res.json());
    expect(catalog.version).toMatch(/^[0-9a-f]{16}$/);
    expect(res.headers.get('etag')).toBe(`"${catalog.version}"`);
    expect(catalog.adapters.map((a) => a.id)).toEqual(BUILTIN_ADAPTERS.map((a) => a.id));
    expect(catalog.adapters).toEqual(BUILTIN_ADAPTERS);
  });

  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const first = await app.request('/api/v1/adapters', { headers: agent.auth });
    const etag = first.headers.get('etag') ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const again = await app.request('/api/v1/adapters', { headers: { ...agent.auth, 'if-none-match': ifNoneMatch } });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    const stale = await app.request('/api/v1/adapters', { headers: { ...agent.auth, 'if-none-match': '"0000000000000000"' } });
    expect(stale.status).toBe(200);
    expect(AdapterCatalog.parse(await stale.json()).version).toBe(etag.slice(1, -1));
  });

  it('serves definitions that, parsed as the extension does, extract exactly what the built-ins do', async () => {
    const res = await app.request('/api/v1/adapters', { headers: agent.auth });
    const fetched = parseAdapterCatalog(JSON.parse(await res.text()));
    expect(fetched.ok).toBe(true);
    if (!fetched.ok) return;
    const now = new Date('2025-10-01T00:00:00Z');
    for (const name of ['zendesk-agent-workspace', 'jira-portal-request', 'helpscout-classic']) {
      const url = fixtureUrl(name);
      const served = capturePage(loadFixture(name), { url, adapters: fetched.value.adapters, now });
      expect(served.clip.ticket?.ticketId, name).toBeTruthy();
      expect(served, name).toEqual(capturePage(loadFixture(name), { url, adapters: BUILTIN_ADAPTERS, now }));
    }
  });

  it('still requires authentication for a conditional request', async () => {
    const first = await app.request('/api/v1/adapters', { headers: agent.auth });
    const res = await app.request('/api/v1/adapters', { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(res.status).toBe(401);
  });
});

describe('adapter overrides', () => {
  it('replace built-ins by id, add new ones, and change the version', () => {
    const base = adapterCatalog();
    const zendesk = { ...BUILTIN_ADAPTERS[0]!, version: 2 };
    const next = adapterCatalog([zendesk, CUSTOM]);
    expect(next.version).not.toBe(base.version);
    expect(next.adapters.map((a) => a.id)).toEqual([...BUILTIN_ADAPTERS.map((a) => a.id), 'acme-desk']);
    expect(next.adapters[0]).toEqual(zendesk);
    expect(adapterCatalog([zendesk, CUSTOM]).version).toBe(next.version);
  });

  it('are validated when the sub-app is built, so a bad definition never reaches an extension', () => {
    expect(() => adaptersRoutes({ overrides: [{ ...CUSTOM, idPatterns: ['(?<id>x)\\1'] }] })).toThrow(/invalid adapter overrides/);
    expect(() => adaptersRoutes({ overrides: [{ ...CUSTOM, run: 'alert(1)' }] })).toThrow(/invalid adapter overrides/);
    expect(() => adaptersRoutes({ overrides: [CUSTOM] })).not.toThrow();
  });

  it('are served by the route', async () => {
    const database = await openDatabase({ memory: true });
    try {
      const agent = await staff(database, 'agent');
      const deps: Deps = { db: database.db, dbKind: database.kind, config: DEFAULT_CONFIG, now: () => new Date(), logger: createLogger({ level: 'silent' }) };
      const app = new Hono<AppEnv>();
      app.onError(onError(deps.logger));
      app.use('*', async (c, next) => {
        c.set('deps', deps);
        await next();
      });
      app.route('/api/v1/adapters', adaptersRoutes({ overrides: [CUSTOM] }));
      const res = await app.request('/api/v1/adapters', { headers: agent.auth });
      expect(res.status).toBe(200);
      const catalog = AdapterCatalog.parse(await res.json());
      expect(catalog.adapters.at(-1)).toEqual(CUSTOM);
      expect(catalog.version).toBe(adapterCatalog([CUSTOM]).version);
    } finally {
      await database.close();
    }
  });
});
