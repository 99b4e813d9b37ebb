import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { routePath } from 'hono/route';
import type { ErrorCode } from '../shared/schemas/error-codes';
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

/** An error with an HTTP status and a stable code; `onError` turns it into problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
  const retryAfter = error.extras.retryAfter;
  return c.body(JSON.stringify(body), error.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}),
  });
}

/** Seconds a client is asked to wait when the database is stalled or unreachable. */
const DATABASE_RETRY_AFTER_S = 5;

/** Map anything thrown to an ApiError; unknown errors become a bare 500 with no stack trace. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) {
    return new ApiError(503, 'database_unavailable', 'The database did not answer in time; try again after Retry-After seconds.', {
      retryAfter: DATABASE_RETRY_AFTER_S,
    });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400 && /malformed json/i.test(error.message))
      return new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
    if (status === 413) return new ApiError(413, 'payload_too_large', 'The request body is too large.');
    if (status === 401) return new ApiError(401, 'unauthenticated', 'Sign in or send a valid API token.');
    if (status === 400) return new ApiError(400, 'validation_failed', error.message || 'Bad request.');
    return new ApiError(status, 'internal', error.message || 'Request failed.');
  }
  return new ApiError(500, 'internal', 'Something went wrong on the server. Nothing was changed.');
}

/**
 * Hono `onError` handler: the single place errors become problem+json. Server errors are logged by
 * route pattern and code (never the path's values, the query or the body); the error itself goes
 * through the logger's safe serializer.
 */
export function onError(logger: Logger) {
  return (error: unknown, c: Context): Response => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      logger.error({ requestId: c.get('requestId'), method: c.req.method, route: routePath(c), code: apiError.code, err: error }, 'request failed');
    }
    return problemResponse(c, apiError);
  };
}

/** Shorthand constructors for the common failures. */
export const fail = {
  validation: (errors: FieldError[], message = 'Some fields are invalid.') =>
    new ApiError(400, 'validation_failed', message, { errors }),
  notFound: (what = 'The resource') => new ApiError(404, 'not_found', `${what} was not found.`),
  forbidden: (message = 'Your role may not do this.') => new ApiError(403, 'forbidden', message),
  unauthenticated: () => new ApiError(401, 'unauthenticated', 'Sign in or send a valid API token.'),
};
