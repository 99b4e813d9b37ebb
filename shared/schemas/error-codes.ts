import * as z from 'zod/mini';

/**
 * The one error vocabulary (CONVENTIONS.md §6). Server problem+json bodies, client errors and
 * domain parse results all carry one of these codes; user-facing text for each lives in
 * shared/i18n under `error.<code>`.
 */
export const ERROR_CODES = [
  // input
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  // access
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'unknown_site_key',
  'origin_not_allowed',
  'rate_limited',
  'identity_token_too_long_lived',
  'token_expired',
  'password_change_required',
  'sign_in_busy',
  // state
  'not_found',
  'conflict',
  'version_conflict',
  'precondition_required',
  'idempotency_conflict',
  'invalid_transition',
  'guard_failed',
  // domain parsers
  'invalid_record_number',
  'invalid_date',
  'invalid_time_zone',
  'calendar_year_missing',
  'invalid_calendar',
  'invalid_score',
  'invalid_locale',
  // transport and server
  'network_error',
  'timeout',
  'database_unavailable',
  'internal',
  'overloaded',
  'storage_full',
  'storage_quota_exceeded',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;
