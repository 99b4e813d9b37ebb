import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ERROR_STATUS } from '../shared/schemas/error-codes';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Seconds a refused client waits; the widget and extension honour it (shared/sync/request.ts). */
const RETRY_AFTER = 2;

/** The app's overloaded problem (status from the error table), answered here without the app; the unread body is discarded. */
function refuseOverloaded(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0];
  const body = JSON.stringify({
    type: 'https://echobox.dev/problems/overloaded',
    title: 'Service Unavailable',
    status: ERROR_STATUS.overloaded,
    code: 'overloaded',
    detail: 'The server is busy; try again after Retry-After seconds.',
    instance: path,
    retryAfter: RETRY_AFTER,
  });
  res.writeHead(ERROR_STATUS.overloaded, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(RETRY_AFTER),
  });
  res.end(body);
  req.resume();
}

/**
 * Wrap the app's Node request listener so a request body of declared, bounded length is read into
 * memory before the app runs, as `incoming.rawBody`. jsonBody() parses JSON from it without
 * building a web Request and stream (a fifth of a small JSON request's time, `npm run
 * bench:server`); other routes get it from @hono/node-server in one piece. Larger, chunked or
 * bodiless requests pass through as they come, so the app's own body limit still answers them (413).
 * With `maxWritesInFlight`, a write request (not GET, HEAD, OPTIONS) under /api/ beyond that many
 * unanswered ones is answered 503 overloaded with Retry-After at once, its body never buffered; so is
 * one whose body would take the unanswered writes' bodies past `maxWriteBytesInFlight` (declared
 * lengths; a chunked body counts as `maxBytes`), unless it is the only one.
 */
export function prefetchBodies(
  listener: RequestListener,
  options: { maxBytes: number; maxWritesInFlight?: number; maxWriteBytesInFlight?: number },
): RequestListener {
  if (!(Number.isInteger(options.maxBytes) && options.maxBytes > 0)) throw new Error('prefetchBodies: maxBytes must be a positive integer');
  const maxWrites = options.maxWritesInFlight ?? Infinity;
  if (!(maxWrites === Infinity || (Number.isInteger(maxWrites) && maxWrites > 0))) {
    throw new Error('prefetchBodies: maxWritesInFlight must be a positive integer');
  }
  const maxWriteBytes = options.maxWriteBytesInFlight ?? Infinity;
  if (!(maxWriteBytes === Infinity || maxWriteBytes > 0)) throw new Error('prefetchBodies: maxWriteBytesInFlight must be a positive number');
  let writesInFlight = 0;
  let writeBytesInFlight = 0;
  return (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if (!SAFE_METHODS.has(req.method ?? 'GET') && req.url?.startsWith('/api/')) {
      // Each body is copied several times on its way to the database (text, parsed, checked,
      // serialised, the statement), and the copies outlive the request until a full garbage
      // collection: the bytes admitted at once bound the memory a burst of large writes takes.
      const bytes = length >= 0 ? length : options.maxBytes;
      // Refused before a byte of the body is kept: a burst of large writes costs only its answers.
      if (writesInFlight >= maxWrites || (writesInFlight > 0 && writeBytesInFlight + bytes > maxWriteBytes)) {
        refuseOverloaded(req, res);
        return;
      }
      writesInFlight++;
      writeBytesInFlight += bytes;
      res.once('close', () => {
        writesInFlight--;
        writeBytesInFlight -= bytes;
      });
    }
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
