import * as z from 'zod/mini';

/**
 * The one error vocabulary (CONVENTIONS.md §6): each code with the HTTP status it is always
 * answered with. Server problem+json bodies, client failures and domain results all carry one of
 * these codes; a server call site names the code only (`problem(code, …)`), so a code cannot have
 * two statuses. Status 0 marks the codes only a client raises (no HTTP answer arrived: fetch's
 * status of a network error). User-facing text is `errorMessageKey(code)` in shared/i18n.
 */
export const ERROR_STATUS = {
  // input
  validation_failed: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  // access
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  unknown_site_key: 401,
  origin_not_allowed: 403,
  rate_limited: 429,
  identity_token_too_long_lived: 401,
  token_expired: 401,
  password_change_required: 403,
  sign_in_busy: 503,
  // state
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  precondition_required: 428,
  idempotency_conflict: 409,
  invalid_transition: 409,
  guard_failed: 409,
  // domain parsers
  invalid_record_number: 400,
  invalid_date: 400,
  invalid_time_zone: 400,
  calendar_year_missing: 400,
  invalid_calendar: 400,
  invalid_score: 400,
  invalid_locale: 400,
  // transport and server
  network_error: 0,
  timeout: 0,
  database_unavailable: 503,
  internal: 500,
  overloaded: 503,
  storage_full: 507,
  storage_quota_exceeded: 507,
} as const satisfies Record<string, 0 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 428 | 429 | 500 | 503 | 507>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The codes a server answers with: all but those only a client raises (status 0). */
export type ServerErrorCode = { [C in ErrorCode]: (typeof ERROR_STATUS)[C] extends 0 ? never : C }[ErrorCode];

/** Every error code, in the table's order. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as readonly ErrorCode[];

/** Schema of an error code. */
export const ErrorCode = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** The HTTP status a code is answered with (0: a client-side failure, never an HTTP answer). */
export const errorStatus = <C extends ErrorCode>(code: C): (typeof ERROR_STATUS)[C] => ERROR_STATUS[code];

/** The i18n key of the message a person sees for a code. */
export const errorMessageKey = <C extends ErrorCode>(code: C): `error.${C}` => `error.${code}`;
