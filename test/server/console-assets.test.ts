import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleAssets } from '../../server/routes/console-assets';
import { onError, problem, problemResponse } from '../../server/errors';
import { createLogger } from '../../server/logging/logger';
import type { AppEnv } from '../../server/context';

/* The console's static files: hashed assets cached for a year, index.html revalidated and under a strict CSP, SPA fallback. */
describe('console assets', () => {
  let dir: string;
  let app: Hono<AppEnv>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'echobox-console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Echobox</title><script type="module" src="/assets/main-ABCDEFGH.js"></script>');
    await writeFile(join(dir, 'assets', 'main-ABCDEFGH.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'main-ABCDEFGH.css'), 'body{}');
    app = new Hono<AppEnv>();
    app.onError(onError(createLogger({ level: 'silent' })));
    // As createApp answers a path nobody serves.
    app.notFound((c) => problemResponse(c, problem('not_found', { detail: 'No such route.' })));
    app.route('/', consoleAssets({ dir }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves index.html at / and at console routes, revalidated, under a CSP without inline script or style', async () => {
    for (const path of ['/', '/account', '/records/CS-20250930-001']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).toMatch(/style-src 'self';/);
      expect(csp).not.toMatch(/unsafe-inline/);
      expect(await res.text()).toContain('<title>Echobox</title>');
    }
  });

  it('sends page.html at every console route but /, and index.html there (each preloads its own first requests)', async () => {
    const paged = await mkdtemp(join(tmpdir(), 'echobox-console-'));
    try {
      await writeFile(join(paged, 'index.html'), '<!doctype html><title>Echobox queue</title>');
      await writeFile(join(paged, 'page.html'), '<!doctype html><title>Echobox page</title>');
      const routes = new Hono<AppEnv>().route('/', consoleAssets({ dir: paged }));
      expect(await (await routes.request('/')).text()).toContain('Echobox queue');
      expect(await (await routes.request('/?status=done')).text()).toContain('Echobox queue');
      for (const path of ['/account', '/records/CS-20250930-001', '/dashboard']) expect(await (await routes.request(path)).text(), path).toContain('Echobox page');
    } finally {
      await rm(paged, { recursive: true, force: true });
    }
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.request('/');
    const again = await app.request('/', { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets with their type and a year of immutable cache', async () => {
    const js = await app.request('/assets/main-ABCDEFGH.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await app.request('/assets/main-ABCDEFGH.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('keeps API, widget and health paths and unknown assets as problem+json 404s, and reads nothing outside assets', async () => {
    for (const path of ['/api/v1/nope', '/api', '/widget/nope.js', '/demo/x', '/healthz/x', '/assets/nope-ABCDEFGH.js', '/assets/..%2Findex.html', '/assets/index.html']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
  });

  it('says how to build the console when it is not built', async () => {
    const bare = new Hono<AppEnv>();
    bare.onError(onError(createLogger({ level: 'silent' })));
    bare.route('/', consoleAssets({ dir: join(dir, 'missing') }));
    const res = await bare.request('/');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found', detail: expect.stringContaining('build:console') });
  });
});
