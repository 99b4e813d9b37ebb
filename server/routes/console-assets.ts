import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../context';
import { problem } from '../errors';

/** Where `npm run build:console` writes the console (dist/console at the repository root). */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** Built asset names: content-hashed scripts, styles and fonts, nothing else. */
const ASSET = /^[A-Za-z0-9_-]+-[A-Z0-9]{8}\.(?:js|css)$/;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** Hashed names never change content; index.html names the current ones, so it is always revalidated. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const INDEX_CACHE = 'no-cache';
/** No inline script or style anywhere in the console, so the policy can forbid both. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** The console's page at `/` (the queue), and at every other console route (each preloads its own first requests); index.html serves both when the build has no page.html. */
const QUEUE_HTML = 'index.html';
const PAGE_HTML = 'page.html';
/** Paths that belong to the API and the widget: an unknown one there is a JSON 404, never the console. */
const NOT_CONSOLE = /^\/(?:api|widget|demo|healthz|readyz|assets)(?:\/|$)/;

type Cached = { mtimeMs: number; body: Uint8Array<ArrayBuffer>; etag: string };

/**
 * The console: hashed assets under /assets/, index.html at / and page.html for every other GET
 * that is not an API or widget path, so the console's own routes (/account, /records/…) survive a
 * reload.
 */
export function consoleAssets(options: { dir?: string } = {}) {
  const dir = options.dir ?? CONSOLE_DIR;
  const cache = new Map<string, Cached>();

  async function load(path: string): Promise<Cached | undefined> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = new Uint8Array(await readFile(path));
    const entry = { mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    cache.set(path, entry);
    return entry;
  }

  return new Hono<AppEnv>()
    .get('/assets/:file', async (c) => {
      const name = c.req.param('file');
      const file = ASSET.test(name) ? await load(join(dir, 'assets', name)) : undefined;
      if (!file) throw problem('not_found', { detail: 'No such console file.' });
      const headers = { 'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream', 'Cache-Control': ASSET_CACHE, ETag: file.etag };
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
      return c.body(file.body, 200, headers);
    })
    .get('*', async (c, next) => {
      // Other parts' paths fall through to their routes or the app's JSON 404, whoever registered them.
      if (NOT_CONSOLE.test(c.req.path)) return next();
      const file = (c.req.path === '/' ? undefined : await load(join(dir, PAGE_HTML))) ?? (await load(join(dir, QUEUE_HTML)));
      if (!file) throw problem('not_found', { detail: 'The console is not built: run `npm run build:console`.' });
      const headers = {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': INDEX_CACHE,
        ETag: file.etag,
        'Content-Security-Policy': CSP,
      };
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
      return c.body(file.body, 200, headers);
    });
}
