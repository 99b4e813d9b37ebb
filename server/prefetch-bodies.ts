import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Wrap the app's Node request listener so a request body of declared, bounded length is read into
 * memory before the app runs, as `incoming.rawBody`. jsonBody() parses JSON from it without
 * building a web Request and stream (a fifth of a small JSON request's time, `npm run
 * bench:server`); other routes get it from @hono/node-server in one piece. Larger, chunked or
 * bodiless requests pass through as they come, so the app's own body limit still answers them (413).
 */
export function prefetchBodies(listener: RequestListener, options: { maxBytes: number }): RequestListener {
  if (!(Number.isInteger(options.maxBytes) && options.maxBytes > 0)) throw new Error('prefetchBodies: maxBytes must be a positive integer');
  return (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if (req.method === 'GET' || req.method === 'HEAD' || !(length > 0 && length <= options.maxBytes)) {
      listener(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let ended = false;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      ended = true;
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      listener(req, res);
    });
    // The client went away before its body was complete: nobody is left to answer.
    req.once('close', () => {
      if (!ended) res.destroy();
    });
  };
}
