import type { ErrorCode } from '../schemas/error-codes';
import type { FieldIssue } from '../schemas/problem';

/*
 * One HTTP exchange with the API. A request that gives no usable answer ends in an ApiFailure,
 * the one failure vocabulary of widget, extension and console: what went wrong (`kind`), its code
 * from shared/schemas/error-codes.ts (the person sees `error.<code>`), and whether trying again
 * later may help (`retry`: network errors, timeouts, 408, 429, 5xx, an unexpected 3xx, a 4xx that
 * is not the API talking). It is free of zod so the widget can bundle it (a caller may check the
 * shape of a problem more strictly with `problem`).
 */

/** Members every failure has. */
interface FailureBase {
  /** The code a person is told about (`error.<code>`); it may be newer than this build's list. */
  code: ErrorCode;
  /** For developers: the server's detail, or what the client saw. */
  detail: string;
  /** Whether the same request may succeed later (keep the item and send again). */
  retry: boolean;
  /** How long to wait first (Retry-After), when the server said so. */
  retryAfterMs?: number;
}

/** The API answered with a problem+json body. */
export interface ProblemFailure extends FailureBase {
  kind: 'problem';
  status: number;
  /** The invalid fields, on a validation error. */
  errors?: FieldIssue[];
  /** The server's current version of the resource, on a version conflict. */
  current?: unknown;
}

/** An error status without a problem of the API (a proxy's page, a wrong address). */
export interface HttpFailure extends FailureBase {
  kind: 'http';
  status: number;
}

/** No answer: offline, refused, blocked (code `network_error`). */
export interface NetworkFailure extends FailureBase {
  kind: 'network';
}

/** No answer in time (code `timeout`). */
export interface TimeoutFailure extends FailureBase {
  kind: 'timeout';
}

/** An answer the client cannot read: not JSON, or not the shape asked for (code `internal`; the server may be mid-deploy). */
export interface MalformedFailure extends FailureBase {
  kind: 'malformed';
}

/**
 * Failed on this device before or without a request: a browser API refused (no page to clip, no
 * permission), a message between extension parts went unanswered, nothing is configured yet.
 */
export interface LocalFailure extends FailureBase {
  kind: 'local';
  /** What failed, for the caller to pick its words (the extension's clip: no_tab, not_http, permission, capture_failed). */
  reason?: string;
  /** The invalid fields, when the device checked them. */
  errors?: FieldIssue[];
}

/** Why a request (or what stood for one) did not produce a usable answer. */
export type ApiFailure = ProblemFailure | HttpFailure | NetworkFailure | TimeoutFailure | MalformedFailure | LocalFailure;

/** Whether the API itself refused, with a problem body. */
export const isProblem = (f: ApiFailure): f is ProblemFailure => f.kind === 'problem';
/** Whether an error status came without a problem of the API. */
export const isHttpFailure = (f: ApiFailure): f is HttpFailure => f.kind === 'http';
/** Whether no answer came at all. */
export const isNetworkFailure = (f: ApiFailure): f is NetworkFailure => f.kind === 'network';
/** Whether the answer did not come in time. */
export const isTimeout = (f: ApiFailure): f is TimeoutFailure => f.kind === 'timeout';
/** Whether an answer came that the client could not read. */
export const isMalformed = (f: ApiFailure): f is MalformedFailure => f.kind === 'malformed';
/** Whether it failed on this device, without the server. */
export const isLocalFailure = (f: ApiFailure): f is LocalFailure => f.kind === 'local';

/** A failure on this device; trying the same again does not help by itself. */
export const localFailure = (code: ErrorCode, detail: string, reason?: string): LocalFailure => ({
  kind: 'local',
  code,
  detail: detail.slice(0, 1_000),
  retry: false,
  ...(reason === undefined ? {} : { reason }),
});

/** The 409 codes that mean "the server holds another version" (kept as a conflict, not a refusal). */
export const CONFLICT_CODES: readonly ErrorCode[] = ['idempotency_conflict', 'version_conflict', 'conflict'];

/** Whether the server holds another version of what was sent (kept beside the local one, not refused); only a problem carries these codes. */
export const isConflict = (f: ApiFailure): f is ProblemFailure => CONFLICT_CODES.includes(f.code);

/** A 2xx answer (or a 304 when asked for) with its parsed JSON body (undefined when empty or not JSON), or why there is none. */
export type Answer<T = unknown> = { ok: true; status: number; body: T; headers: Headers } | { ok: false; failure: ApiFailure };

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

/** An answer the client cannot read. */
export const malformed = (detail = 'Malformed response from the server.'): MalformedFailure => ({ kind: 'malformed', code: 'internal', detail, retry: true });

/** A request that never reached the server or got no answer (credentials unreadable, offline). */
export const networkFailure = (error: unknown): NetworkFailure => ({
  kind: 'network',
  code: 'network_error',
  detail: String((error as Error | null)?.message ?? error).slice(0, 1_000),
  retry: true,
});

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

/** Send one request; never throws. */
export async function request<T = unknown>(url: string, init: RequestInit, options: RequestOptions = {}): Promise<Answer<T>> {
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return {
      ok: false,
      failure: name === 'TimeoutError' || name === 'AbortError' ? { kind: 'timeout', code: 'timeout', detail: 'The server did not answer in time.', retry: true } : networkFailure(error),
    };
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const status = response.status;
  if ((status >= 200 && status < 300) || (status === 304 && options.notModified)) return { ok: true, status, body: body as T, headers: response.headers };
  const problem = (options.problem ?? anyProblem)(body);
  const failure: ProblemFailure | HttpFailure = {
    kind: problem ? 'problem' : 'http',
    status,
    // A proxy's 413 page still means the request will never fit; a 408 or 429 is said the same whoever sends it.
    code: problem?.code ?? (status === 408 ? 'timeout' : status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : 'internal'),
    detail: String(problem?.detail ?? problem?.title ?? `HTTP ${status}`).slice(0, 1_000),
    retry: status === 408 || status === 429 || status >= 500 || status < 400 || !!(problem ? options.retryCodes?.includes(problem.code) : status !== 413),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    // A problem keeps its field errors and, on a conflict, the server's current version (undefined otherwise: one literal is fewer widget bytes).
    errors: problem?.errors,
    current: problem?.current,
  } as ProblemFailure | HttpFailure;
  return { ok: false, failure };
}
