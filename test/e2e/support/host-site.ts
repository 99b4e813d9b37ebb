import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { freePort } from '../../server/support/server-process';

/*
 * A stand-in for a customer's website: a plain HTTP server on its own loopback port (so its origin
 * differs from the Echobox server's) serving test pages, optionally static folders (a CDN copy of
 * the widget) and optionally proxying paths to another server (for same-origin setups such as a
 * strict `default-src 'self'` page).
 */

/** One page: its HTML and any extra response headers (a CSP, say). */
export interface HostPage {
  body: string;
  headers?: Record<string, string>;
}

/** Options of startHostSite. */
export interface HostSiteOptions {
  /** Pages by path, e.g. { '/plain.html': { body } }. */
  pages?: Record<string, HostPage>;
  /** URL prefix → folder served as static files, e.g. { '/widget/': 'dist/widget' }. */
  static?: Record<string, string>;
  /** Requests under these prefixes go to `target` unchanged (method, headers, body). */
  proxy?: { prefixes: string[]; target: string };
}

/** A running host site. */
export interface HostSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Add or replace a page. */
  setPage(path: string, page: HostPage): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
};

function proxy(req: IncomingMessage, res: ServerResponse, target: string) {
  const url = new URL(req.url ?? '/', target);
  const upstream = httpRequest(
    url,
    { method: req.method, headers: { ...req.headers, host: url.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('upstream unreachable');
  });
  req.pipe(upstream);
}

/** Start a host site on a free port of 127.0.0.1. */
export async function startHostSite(options: HostSiteOptions = {}): Promise<HostSite> {
  const pages = new Map(Object.entries(options.pages ?? {}));
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
      res.end(page.body);
      return;
    }
    if (options.proxy?.prefixes.some((p) => path.startsWith(p))) return proxy(req, res, options.proxy.target);
    for (const [prefix, dir] of Object.entries(options.static ?? {})) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir))) break;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) break;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'access-control-allow-origin': '*',
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    setPage: (path, page) => void pages.set(path, page),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
