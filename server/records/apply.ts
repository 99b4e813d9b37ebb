import { problem, type ApiError } from '../errors';
import type { DomainError, Result } from '../../shared/domain/result';

/*
 * The edge between shared/domain's record rules (pure, returning a Result) and HTTP: a failure
 * becomes the ApiError the route answers with. Storage, time and ids stay with the routes and store.
 */

/** Turn a shared/domain failure into the HTTP error the API answers with (field errors name the guard). */
export function domainFailure(error: DomainError): ApiError {
  const guard = error.details?.guard;
  return problem(error.code, {
    detail: error.message,
    ...(error.details ? { details: error.details } : {}),
    ...(error.path ? { errors: [{ path: [...error.path], code: String(guard ?? error.code), message: error.message }] } : {}),
  });
}

/** The value of a domain Result, or its failure thrown as the ApiError the route answers with. */
export function orFail<T>(result: Result<T>): T {
  if (!result.ok) throw domainFailure(result.error);
  return result.value;
}
