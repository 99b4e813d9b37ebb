import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../context';
import { problem } from '../errors';
import { DEMO_CSS, DEMO_JS, demoApiOrigin, demoPage, findDemoSite } from '../demo';

/** Where `npm run build:widget` writes the widget (dist/widget at the repository root). */
export const WIDGET_DIR = fileURLToPath(new URL('../../dist/widget/', import.meta.url));

/** Built file names: the loader and content-hashed chunks; nothing else is served. */
const FILE = /^[A-Za-z0-9_-]+(?:-[A-Z0-9]{8})?\.js$/;
/** The loader's URL is fixed in host pages, so it is revalidated; hashed chunks never change. */
const LOADER_CACHE = 'public, max-age=300, stale-while-revalidate=86400';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';

type Cached = { mtimeMs: number; body: Uint8Array<ArrayBuffer>; etag: string };

/**
 * The widget's files and the demo page. Scripts are public and loaded from customers' pages, so
 * they are served to any origin (CORS `*`, Cross-Origin-Resource-Policy cross-origin: the box is
 * an ES module, fetched in CORS mode). The demo page carries a strict CSP (no inline script or
 * style) to show the widget works under one.
 */
export function widgetAssets(options: { dir?: string } = {}) {
  const dir = options.dir ?? WIDGET_DIR;
  const cache = new Map<string, Cached>();

  async function load(name: string): Promise<Cached | undefined> {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const hit = cache.get(name);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = new Uint8Array(await readFile(path));
    const entry = { mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    cache.set(name, entry);
    return entry;
  }

  return new Hono<AppEnv>()
    .get('/widget/:file', async (c) => {
      const name = c.req.param('file');
      const file = FILE.test(name) ? await load(name) : undefined;
      if (!file) {
        throw problem('not_found', { detail: name === 'widget.js' ? 'The widget is not built: run `npm run build:widget`.' : 'No such widget file.' });
      }
      const headers = {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': name === 'widget.js' ? LOADER_CACHE : CHUNK_CACHE,
        ETag: file.etag,
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
      return c.body(file.body, 200, headers);
    })
    .get('/demo', async (c) => {
      const site = await findDemoSite(c.get('deps').db);
      if (!site?.active) throw problem('not_found', { detail: 'The demo is off: no active site key named "Echobox demo".' });
      const pageOrigin = new URL(c.req.url).origin;
      const apiOrigin = demoApiOrigin(pageOrigin, site.allowedOrigins);
      const lang = c.req.query('lang') === 'en' ? 'en' : 'zh-CN';
      c.header('Content-Security-Policy', `default-src 'self'; connect-src 'self' ${apiOrigin}; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
      c.header('Cache-Control', 'no-store');
      return c.html(demoPage({ siteKey: site.key, apiOrigin, lang }));
    })
    .get('/demo/demo.js', (c) => c.body(DEMO_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/demo/demo.css', (c) => c.body(DEMO_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
}
