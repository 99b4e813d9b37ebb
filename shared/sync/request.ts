import type { ErrorCode } from '../schemas/error-codes';
import type { FieldIssue } from '../schemas/problem';
import type { ItemError } from '../schemas/sync';

/*
 * One HTTP exchange with the API, answered in SendOutcome's vocabulary: retry on network errors,
 * timeouts, 408, 429, 5xx, an unexpected 3xx, and a 4xx that is not the API talking; conflict on a
 * 409 with a conflict code; rejected with the server's problem otherwise. The widget and the
 * extension both send through this; it is free of zod so the widget can bundle it (a caller may
 * check the shape of a problem more strictly with `problem`).
 */

/** A request that did not produce a usable answer. */
export type Failure =
  | { status: 'retry'; error: ItemError; retryAfterMs?: number }
  | { status: 'rejected'; error: ItemError }
  | { status: 'conflict'; error: ItemError; serverCopy?: unknown };

/** A 2xx answer (or a 304 when asked for) with its parsed JSON body (undefined when empty or not JSON), or why there is none. */
export type Answer<T = unknown> = { ok: true; status: number; body: T; headers: Headers } | { ok: false; failure: Failure };

/** What a problem+json body carries that the client reads. */
export interface ProblemFields {
  code: ErrorCode;
  title?: string;
  detail?: string;
  errors?: FieldIssue[];
  current?: unknown;
}

/** How one caller talks to the API. */
export interface RequestOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Whole request including the body; a timeout is retried. Default 20 s. */
  timeoutMs?: number;
  /** The problem in an error body, or undefined when it is not one of the API's; default: any body with a string `code`. */
  problem?: (body: unknown) => ProblemFields | undefined;
  /** Problem codes that are retried rather than refused (the widget: a site key its owner has yet to set up). */
  retryCodes?: readonly ErrorCode[];
  /** A 304 is an answer (a conditional GET); any other 3xx is retried like a 5xx. */
  notModified?: boolean;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** The 409 codes that mean "the server holds another version" (kept as a conflict, not a refusal). */
export const CONFLICT_CODES: readonly ErrorCode[] = ['idempotency_conflict', 'version_conflict', 'conflict'];

/** A failure worth trying again later. */
export const retry = (code: ErrorCode, message: string, retryAfterMs?: number): Failure =>
  retryAfterMs === undefined ? { status: 'retry', error: { code, message } } : { status: 'retry', error: { code, message }, retryAfterMs };

/** An answer the client cannot read: the server may be mid-deploy, so try again later. */
export const malformed = (): Failure => retry('internal', 'Malformed response from the server.');

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const anyProblem = (body: unknown): ProblemFields | undefined =>
  typeof (body as ProblemFields | null)?.code === 'string' ? (body as ProblemFields) : undefined;

/** How a non-2xx answer is to be handled. */
function failureOf(status: number, problem: ProblemFields | undefined, retryAfterMs: number | undefined, retryCodes: readonly ErrorCode[]): Failure {
  const message = String(problem?.detail ?? problem?.title ?? `HTTP ${status}`).slice(0, 1_000);
  if (status === 408) return retry('timeout', message, retryAfterMs);
  if (status === 429) return retry('rate_limited', message, retryAfterMs);
  if (status >= 500 || status < 400 || (problem && retryCodes.includes(problem.code))) return retry(problem?.code ?? 'internal', message, retryAfterMs);
  // A proxy's 413 page still means the request will never fit; any other 4xx without a
  // problem body is not the API talking (a wrong address, a proxy), so keep the items and try later.
  if (!problem) return status === 413 ? { status: 'rejected', error: { code: 'payload_too_large', message: 'Payload too large.' } } : retry('internal', message);
  const error: ItemError = { code: problem.code, message, ...(problem.errors ? { errors: problem.errors } : {}) };
  if (status === 409 && CONFLICT_CODES.includes(problem.code)) {
    return { status: 'conflict', error, ...(problem.current ? { serverCopy: problem.current } : {}) };
  }
  return { status: 'rejected', error };
}

/** Send one request; never throws. */
export async function request<T = unknown>(url: string, init: RequestInit, options: RequestOptions = {}): Promise<Answer<T>> {
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return name === 'TimeoutError' || name === 'AbortError'
      ? { ok: false, failure: retry('timeout', 'The server did not answer in time.') }
      : { ok: false, failure: retry('network_error', String((error as Error | null)?.message ?? error).slice(0, 1_000)) };
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const status = response.status;
  if ((status >= 200 && status < 300) || (status === 304 && options.notModified)) return { ok: true, status, body: body as T, headers: response.headers };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return { ok: false, failure: failureOf(status, (options.problem ?? anyProblem)(body), retryAfterMs, options.retryCodes ?? []) };
}
