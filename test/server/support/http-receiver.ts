import { createServer, type IncomingHttpHeaders } from 'node:http';

/** One request a receiver got. */
export interface Received {
  method: string;
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP receiver on a loopback port: records every request and answers what `answer`
 * returns for it (status and body), or holds it without an answer when `answer` returns 'hang'.
 */
export async function startReceiver(answer: (req: Received, nth: number) => { status: number; body?: string } | 'hang' = () => ({ status: 200 })) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const entry = { method: req.method ?? '', path: url.pathname, url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      const reply = answer(entry, received.filter((r) => r.path === entry.path).length);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
