import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { ERROR_STATUS } from '../shared/schemas/error-codes';
import { addressNetwork } from './middleware/address-network';
import { proxiedAddress } from './middleware/rate-limit';
import { requestIdFrom } from './middleware/request-log';
import { SITE_KEY_HEADER } from './middleware/site-key';

/** Where the public (site key) writes arrive: the routes a flood from the internet sends. */
const PUBLIC_PREFIX = '/api/v1/public/';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Options of `refuseAtEdge`. */
export interface EdgeRefusalOptions {
  /** Read the client address from the right-most X-Forwarded-For entry, as the app's limiters do. */
  trustProxy: boolean;
  /**
   * Longest a repeated refusal is held before it is answered (default 1 s, never past the client's
   * Retry-After): a client that ignores Retry-After gets its answers this slowly, so its requests
   * cost the server a timer instead of its event loop.
   */
  holdMs?: number;
  /** Most clients remembered (default 10 000); the oldest refusal is forgotten first. */
  maxClients?: number;
  /** Most answers held at once (default 1 000); beyond it a repeated refusal is answered at once. */
  maxHeld?: number;
  /** One line per request answered here, as the app's request log writes them (no path values, no body). */
  log?: (entry: { requestId: string; method: string; route: string; status: number; durationMs: number }) => void;
  /** The clock (epoch ms). */
  now?: () => number;
}

/** The client a public write is counted for: the site key it names and its network, as the app's limiters see it. */
function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const address = (trustProxy ? proxiedAddress(Array.isArray(forwarded) ? forwarded.join(',') : forwarded) : undefined) ?? req.socket.remoteAddress ?? 'unknown';
  const site = req.headers[SITE_KEY_HEADER];
  return `${typeof site === 'string' ? site.slice(0, 128) : ''} ${addressNetwork(address)}`;
}

/** Seconds of a Retry-After header the app sent (delta-seconds only; the app sends nothing else). */
function retryAfterSeconds(headers: OutgoingHttpHeaders | undefined): number | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'retry-after') continue;
    const seconds = Number(Array.isArray(value) ? value[0] : value);
    return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
  }
  return undefined;
}

/**
 * Wrap the server's request listener so a client that keeps sending public writes after the app
 * refused it with 429 and Retry-After is refused here until that time has passed: without reading
 * its body or running the app, and after a hold of up to `holdMs`. During a flood from one address
 * (5,000 submissions over 50 connections, `npm run bench:abuse`), each refusal through the app
 * cost about 0.3 ms of the event loop; the loop accepts one new connection per turn, so a new
 * visitor waited behind hundreds of them. Clients that honour Retry-After (the widget, the
 * extension: shared/sync/request.ts) never meet this; the app stays the one that decides limits.
 */
export function refuseAtEdge(listener: RequestListener, options: EdgeRefusalOptions): RequestListener {
  const holdMs = options.holdMs ?? 1_000;
  const maxClients = options.maxClients ?? 10_000;
  const maxHeld = options.maxHeld ?? 1_000;
  if (!(Number.isInteger(holdMs) && holdMs >= 0)) throw new Error('refuseAtEdge: holdMs must be an integer >= 0');
  if (!(Number.isInteger(maxClients) && maxClients > 0)) throw new Error('refuseAtEdge: maxClients must be a positive integer');
  if (!(Number.isInteger(maxHeld) && maxHeld >= 0)) throw new Error('refuseAtEdge: maxHeld must be an integer >= 0');
  const now = options.now ?? Date.now;
  /** Refused clients and until when (epoch ms); in order of refusal, so the oldest is first. */
  const refused = new Map<string, number>();
  let held = 0;

  const remember = (key: string, until: number) => {
    refused.delete(key);
    if (refused.size >= maxClients) refused.delete(refused.keys().next().value as string);
    refused.set(key, until);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, until: number, started: number) => {
    if (res.destroyed) return;
    const retryAfter = Math.max(1, Math.ceil((until - now()) / 1000));
    const forwarded = req.headers['x-request-id'];
    const requestId = requestIdFrom(typeof forwarded === 'string' ? forwarded : undefined);
    const body = JSON.stringify({
      type: 'https://echobox.dev/problems/rate_limited',
      title: 'Too Many Requests',
      status: ERROR_STATUS.rate_limited,
      code: 'rate_limited',
      detail: 'Too many requests; try again after Retry-After seconds.',
      instance: (req.url ?? '/').split('?')[0],
      retryAfter,
      scope: 'client',
    });
    res.writeHead(ERROR_STATUS.rate_limited, {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(retryAfter),
      'x-request-id': requestId,
    });
    res.end(body);
    options.log?.({ requestId, method: req.method ?? 'POST', route: `${PUBLIC_PREFIX}*`, status: ERROR_STATUS.rate_limited, durationMs: Math.round((performance.now() - started) * 10) / 10 });
  };

  return (req, res) => {
    if (SAFE_METHODS.has(req.method ?? 'GET') || !req.url?.startsWith(PUBLIC_PREFIX)) {
      listener(req, res);
      return;
    }
    const key = clientKey(req, options.trustProxy);
    const until = refused.get(key);
    const at = now();
    if (until !== undefined && until > at) {
      const started = performance.now();
      // The body is never read: discard it as it comes.
      req.resume();
      const hold = Math.min(holdMs, until - at);
      if (hold <= 0 || held >= maxHeld) return answer(req, res, until, started);
      held++;
      const timer = setTimeout(() => {
        held--;
        answer(req, res, until, started);
      }, hold);
      // A client that hangs up is not waited for.
      res.once('close', () => {
        if (res.writableEnded) return;
        clearTimeout(timer);
        held--;
      });
      return;
    }
    if (until !== undefined) refused.delete(key);
    // The app's answer: a 429 with Retry-After starts (or renews) the client's refusal here.
    const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status === ERROR_STATUS.rate_limited) {
        const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object' && r !== null && !Array.isArray(r));
        const seconds = retryAfterSeconds(headers) ?? Number(res.getHeader('retry-after'));
        if (Number.isInteger(seconds) && seconds > 0) remember(key, now() + seconds * 1000);
      }
      return writeHead.call(res, status, ...rest);
    }) as ServerResponse['writeHead'];
    listener(req, res);
  };
}
