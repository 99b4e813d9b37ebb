import type * as z from 'zod/mini';
import { fieldIssues, type FieldIssue } from '../../../shared/schemas/problem';

/** Field issues of a value the schema rejects; fails the test when it is accepted. */
export const issuesOf = (schema: z.ZodMiniType, value: unknown): FieldIssue[] => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error(`expected rejection, got ${JSON.stringify(r.data).slice(0, 200)}`);
  return fieldIssues(r.error);
};

/** `path → code` pairs, easy to compare with toContainEqual. */
export const pathsAndCodes = (issues: FieldIssue[]) => issues.map((i) => ({ path: i.path, code: i.code }));

/** Deep copy with JSON semantics (what travels over HTTP). */
export const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
