import * as z from 'zod/mini';
import { OPERATIONS, errorStatuses, problemSchema, type Operation } from '../../../server/openapi';
import { PROBLEM_CONTENT_TYPE, Problem } from '../../../shared/schemas/problem';

/*
 * Every answer a server test receives is held against the OpenAPI table: the operation (method and
 * path template) must be documented, the status must be one it documents, and a JSON body must
 * parse with the shared schema for that status. A route that answers something undocumented
 * fails whichever test meets it.
 */

const templates = OPERATIONS.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The documented operation a request names, if any. */
export function operationOf(method: string, pathname: string): Operation | undefined {
  const lower = method.toLowerCase();
  return templates.find((t) => t.op.method === lower && t.pattern.test(pathname))?.op;
}

/** Paths outside the API contract: console and widget assets, the demo page, the document itself. */
const outsideContract = (pathname: string) =>
  !(pathname.startsWith('/api/') || pathname === '/healthz' || pathname === '/readyz') || pathname === '/api/openapi.json';

const mediaType = (res: Response) => (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

async function parseBody(res: Response, schema: z.ZodMiniType, expectedType: string): Promise<string | undefined> {
  if (mediaType(res) !== expectedType) return `content-type ${res.headers.get('content-type')}, documented ${expectedType}`;
  const text = await res.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const parsed = z.safeParse(schema, body);
  return parsed.success ? undefined : `a body off its schema:\n${z.prettifyError(parsed.error)}\n${text.slice(0, 500)}`;
}

/** What is wrong with `res` as the answer to `method pathname`, or undefined when it is as documented. */
export async function contractViolation(method: string, pathname: string, res: Response): Promise<string | undefined> {
  if (outsideContract(pathname) || method === 'OPTIONS' || method === 'HEAD') return undefined;
  const op = operationOf(method, pathname);
  if (!op) {
    // An unknown route may only be refused, and then in the one error shape.
    if (res.status < 400) return `undocumented operation answered ${res.status}`;
    return parseBody(res, Problem, PROBLEM_CONTENT_TYPE);
  }
  const answer = op.answers[res.status];
  if (answer) {
    if (answer.schema) return parseBody(res, answer.schema, 'application/json');
    if (answer.contentType) return mediaType(res) === PROBLEM_CONTENT_TYPE ? 'a problem body on a success status' : undefined;
    const text = await res.clone().text();
    return text === '' ? undefined : `a body on ${res.status}, documented without one`;
  }
  if (errorStatuses(op).includes(res.status)) return parseBody(res, problemSchema(op, res.status), PROBLEM_CONTENT_TYPE);
  return `undocumented status ${res.status}`;
}

/**
 * Wrap `app.request` so that every answer is checked with contractViolation; a violation rejects
 * the request. `testRoutes` are paths a test adds to the app itself (probes), left unchecked.
 */
export function checkResponses<A extends { request: (...args: never[]) => Response | Promise<Response> }>(app: A, testRoutes: readonly string[] = []): A {
  const request = app.request.bind(app) as (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => Response | Promise<Response>;
  const checked = async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await request(input, init, ...rest);
    const url = input instanceof Request ? new URL(input.url) : new URL(String(input), 'http://localhost');
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const violation = testRoutes.includes(url.pathname) ? undefined : await contractViolation(method, url.pathname, res);
    if (violation) throw new Error(`${method} ${url.pathname} → ${res.status}: ${violation}`);
    return res;
  };
  (app as { request: unknown }).request = checked;
  return app;
}
