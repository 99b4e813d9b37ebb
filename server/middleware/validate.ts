import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod/v4/core';
import { problem } from '../errors';
import { fieldIssues } from '../../shared/schemas/problem';

/** Validate one part of the request with a shared schema; failures become 400 validation_failed with field paths. */
export function validate<T extends z.$ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw problem('validation_failed', { detail: `The request ${target} is invalid.`, errors: fieldIssues(result.error) });
    }
  });
}
