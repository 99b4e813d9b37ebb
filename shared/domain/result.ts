import type { ServerErrorCode } from '../schemas/error-codes';

/** A typed failure: a stable code, an English developer message, and where it applies. */
export interface DomainError {
  /** A code the server answers with (a rule never fails for network reasons). */
  code: ServerErrorCode;
  message: string;
  /** Path of the offending field, where the error belongs to one. */
  path?: ReadonlyArray<string | number>;
  /** Extra machine-readable facts (the allowed values, the limit that was hit…). */
  details?: Readonly<Record<string, unknown>>;
}

/** Success with a value. */
export interface Ok<T> {
  ok: true;
  value: T;
}

/** Failure with a typed error; parsers return this instead of throwing. */
export interface Err<E = DomainError> {
  ok: false;
  error: E;
}

/** What every parser and guard in shared/ returns. */
export type Result<T, E = DomainError> = Ok<T> | Err<E>;

/** Wrap a value as success. */
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/** Build a typed failure. */
export const err = (
  code: ServerErrorCode,
  message: string,
  extra: Omit<DomainError, 'code' | 'message'> = {},
): Err<DomainError> => ({ ok: false, error: { code, message, ...extra } });
