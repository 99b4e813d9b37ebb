import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { routePath } from 'hono/route';
import { ERROR_STATUS, type ServerErrorCode } from '../shared/schemas/error-codes';
import { isDatabaseUnavailable } from './db/unavailable';
import type { Logger } from './logging/logger';

/** One failing field of a validation error. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Extra members a problem body may carry. */
export interface ProblemExtras {
  detail?: string;
  errors?: FieldError[];
  /** The current record, on a version conflict. */
  current?: unknown;
  [key: string]: unknown;
}

/** An error with a stable code, answered with the code's status from ERROR_STATUS; `onError` turns it into problem+json. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

/** The one way to make an error answer: name the code, say what happened (`detail`), add the problem's extra members. */
export const problem = (code: ServerErrorCode, { detail, ...extras }: ProblemExtras & { detail: string }): ApiError =>
  new ApiError(code, detail, extras);

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/** Render an ApiError as an RFC 9457 problem+json response. */
export function problemResponse(c: Context, error: ApiError): Response {
  const body = {
    type: `https://echobox.dev/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.message,
    instance: c.req.path,
    ...error.extras,
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  // Clients (shared/sync/request.ts) wait this long before they send again.
  if (typeof error.extras.retryAfter === 'number') headers['Retry-After'] = String(error.extras.retryAfter);
  return c.body(JSON.stringify(body), error.status, headers);
}

/** Seconds a client waits after the server's storage filled up before it sends again. */
const STORAGE_FULL_RETRY_AFTER = 300;

/**
 * Whether an error (or its cause, as drivers wrap them) says the storage is full: PostgreSQL's
 * disk_full (53100, "could not extend file"), or the file system's ENOSPC and EDQUOT.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '53100' || code === 'ENOSPC' || code === 'EDQUOT') return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /could not extend file|no space left on device|disk quota exceeded/i.test(message)) return true;
  }
  return false;
}

/** Seconds a client is asked to wait when the database is stalled or unreachable. */
const DATABASE_RETRY_AFTER_S = 5;

/** Map anything thrown to an ApiError; unknown errors become a bare 500 with no stack trace. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Before the unavailable check, which also covers SQLSTATE class 53: a full disk is said as such.
  if (isStorageFull(error)) {
    return problem('storage_full', { detail: 'The server is out of storage space; nothing was stored. Try again later.', retryAfter: STORAGE_FULL_RETRY_AFTER });
  }
  if (isDatabaseUnavailable(error)) {
    return problem('database_unavailable', { detail: 'The database did not answer in time; try again after Retry-After seconds.', retryAfter: DATABASE_RETRY_AFTER_S });
  }
  // Hono's own throws (body limit, malformed JSON, validators, auth helpers), by the code their status means.
  if (error instanceof HTTPException) {
    const { status } = error;
    if (status === 400 && /malformed json/i.test(error.message)) return problem('invalid_json', { detail: 'The request body is not valid JSON.' });
    if (status === 413) return problem('payload_too_large', { detail: 'The request body is too large.' });
    if (status === 401) return fail.unauthenticated();
    if (status === 400) return problem('validation_failed', { detail: error.message || 'Bad request.' });
  }
  return problem('internal', { detail: 'Something went wrong on the server. Nothing was changed.' });
}

/**
 * Hono `onError` handler: the single place errors become problem+json. Server errors are logged by
 * route pattern and code (never the path's values, the query or the body); the error itself goes
 * through the logger's safe serializer.
 */
export function onError(logger: Logger) {
  return (error: unknown, c: Context): Response => {
    const apiError = toApiError(error);
    // Shedding load is the plan working, not a failure: a log line per refused request would add to it.
    if (apiError.status >= 500 && apiError.code !== 'overloaded') {
      // A full disk is logged by its code alone: the driver's error carries the failed query's parameters.
      const cause = apiError.code === 'storage_full' ? {} : { err: error };
      logger.error({ requestId: c.get('requestId'), method: c.req.method, route: routePath(c), code: apiError.code, ...cause }, 'request failed');
    }
    return problemResponse(c, apiError);
  };
}

/** Shorthand constructors for the common failures. */
export const fail = {
  validation: (errors: FieldError[], detail = 'Some fields are invalid.') => problem('validation_failed', { detail, errors }),
  notFound: (what = 'The resource') => problem('not_found', { detail: `${what} was not found.` }),
  forbidden: (detail = 'Your role may not do this.') => problem('forbidden', { detail }),
  unauthenticated: () => problem('unauthenticated', { detail: 'Sign in or send a valid API token.' }),
};
