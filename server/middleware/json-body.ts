import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from '../errors';

/** Decode a body as Request.text() does: UTF-8, a leading byte order mark dropped. */
function utf8Text(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * For requests with a body: require a JSON content type (415 otherwise), cap the size (413), and
 * parse it once, for every later reader, so a malformed body answers 400 invalid_json before any handler runs.
 */
export function jsonBody(options: { maxBytes: number; except?: (path: string) => boolean }): MiddlewareHandler {
  if (!(options.maxBytes > 0)) throw new Error('jsonBody: maxBytes must be a positive number');
  const tooLarge = () =>
    problem('payload_too_large', { detail: `The request body is larger than ${options.maxBytes} bytes.`, limit: options.maxBytes });
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  const parseThen = async (c: Context, next: Next, text: () => string | Promise<string>) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await text());
    } catch {
      throw problem('invalid_json', { detail: 'The request body is not valid JSON.' });
    }
    // Hono's json() parses the cached text again on every call (the honeypot, the validator); from
    // here on this request answers with this one parse. Readers get the same value: none mutates it
    // (the schemas build new objects).
    c.req.json = <T>() => Promise.resolve(parsed as T);
    await next();
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE') return next();
    if (options.except?.(c.req.path)) return next();
    // A bodiless command (POST /records/:id/unmerge) needs no content type.
    if (c.req.header('content-length') === '0' || (!c.req.header('content-length') && !c.req.header('transfer-encoding') && !c.req.header('content-type'))) {
      return next();
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw problem('unsupported_media_type', { detail: 'Send the body as application/json.' });
    }
    // Under Node, prefetchBodies has already read a body of declared length: it is parsed from those
    // bytes and its size checked here, so no web Request and stream are built to read it again. Every
    // later reader goes through c.req.json(), which parseThen answers.
    const prefetched = (c.env as { incoming?: { rawBody?: unknown } } | undefined)?.incoming?.rawBody;
    if (prefetched instanceof Buffer) {
      if (prefetched.length > options.maxBytes) throw tooLarge();
      return parseThen(c, next, () => utf8Text(prefetched));
    }
    return limit(c, () => parseThen(c, next, () => c.req.text()));
  };
}
