import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/** Name of the hidden form field that only bots fill in (SubmissionInput.website). */
export const HONEYPOT_FIELD = 'website';

/** Whether a parsed JSON item trips the honeypot: its `website` field is present and not empty. */
export function honeypotTripped(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, HONEYPOT_FIELD)) return false;
  const value = (body as Record<string, unknown>)[HONEYPOT_FIELD];
  if (value === undefined || value === null) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/**
 * Answer bots with a success they cannot tell from a real one, storing nothing. Put it BEFORE the
 * body validator (SubmissionInput refuses a filled `website`, and a 400 would teach the bot which
 * field gave it away). `answer` builds the fake success body from the parsed JSON, e.g. an
 * accepted item echoing the client id; batch routes should instead call `honeypotTripped` per item
 * and answer tripped items as accepted without storing them.
 */
export function honeypot(options: {
  answer: (c: Context<AppEnv>, body: unknown) => unknown | Promise<unknown>;
  status?: 201 | 202;
}): MiddlewareHandler<AppEnv> {
  if (typeof options.answer !== 'function') throw new Error('honeypot: answer must be a function');
  const status = options.status ?? 202;
  if (status !== 201 && status !== 202) throw new Error('honeypot: status must be 201 or 202');
  return async (c, next) => {
    let body: unknown;
    try {
      // jsonBody() parsed it already and json() answers with that parse.
      body = await c.req.json();
    } catch {
      return next();
    }
    if (honeypotTripped(body)) return c.json(await options.answer(c, body), status);
    await next();
  };
}
