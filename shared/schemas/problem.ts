import * as z from 'zod/mini';
import { ErrorCode } from './error-codes';
import { Id } from './common';

/** Media type of every error body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Most field issues one body lists; the rest are dropped (the first ones are enough to fix). */
export const MAX_FIELD_ISSUES = 100;

/**
 * One invalid field. `code` is zod's issue code (invalid_type, too_small, too_big,
 * invalid_format, invalid_value, unrecognized_keys, invalid_union, …) or one of ISSUE_CODES;
 * `message` is for developers, people see a translated text chosen by code.
 */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.int()])),
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  message: z.string().check(z.maxLength(1_000)),
  /** The bound that was crossed (characters, items, value), for messages like "at most 200". */
  limit: z.optional(z.number()),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

const problemShape = {
  /** URI reference naming the problem type; `about:blank` when the status says it all. */
  type: z.string().check(z.minLength(1), z.maxLength(2_048)),
  title: z.string().check(z.maxLength(200)),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: ErrorCode,
  detail: z.optional(z.string().check(z.maxLength(10_000))),
  instance: z.optional(z.string().check(z.maxLength(2_048))),
  errors: z.optional(z.array(FieldIssue).check(z.maxLength(MAX_FIELD_ISSUES))),
};

/** Fields every problem body has; RecordConflictProblem (record.ts) builds on them. */
export const PROBLEM_SHAPE = problemShape;

/**
 * RFC 9457 problem details. On a conflict (409) `current` is the stored document: a record (with
 * its version) or, for an idempotency conflict, a campaign or survey (without one). It is only
 * checked loosely here so this file stays free of record.ts (the widget bundles it): parse the
 * body with RecordConflictProblem from record.ts to get the typed record.
 */
export const Problem = z.object({
  ...problemShape,
  current: z.optional(z.looseObject({ id: Id, version: z.optional(z.int()) })),
});
export type Problem = z.infer<typeof Problem>;

/** The problem an error body carries, or undefined when the body is not a whole problem of our API (a proxy's page). */
export function problemIn(body: unknown): Problem | undefined {
  const parsed = z.safeParse(Problem, body);
  return parsed.success ? parsed.data : undefined;
}

type Bound = { minimum?: number | bigint; maximum?: number | bigint };

const describe = (issue: z.core.$ZodIssue, limit: number | undefined): string => {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected}`;
    case 'too_small':
      return `Too small: at least ${limit}`;
    case 'too_big':
      return `Too big: at most ${limit}`;
    case 'invalid_format':
      return `Invalid ${issue.format}`;
    case 'invalid_value':
      return `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `Unknown keys: ${issue.keys.join(', ')}`;
    default:
      return 'Invalid input';
  }
};

/** Turn a zod error (from safeParse) into the `errors` list of a problem body, one entry per issue. */
export const fieldIssues = (error: { readonly issues: readonly z.core.$ZodIssue[] }): FieldIssue[] =>
  error.issues.slice(0, MAX_FIELD_ISSUES).map((issue) => {
    const bound = issue as Bound;
    const raw = issue.code === 'too_big' ? bound.maximum : issue.code === 'too_small' ? bound.minimum : undefined;
    const params = issue.code === 'custom' ? (issue.params as { code?: unknown; maximum?: unknown } | undefined) : undefined;
    const limit = raw !== undefined ? Number(raw) : typeof params?.maximum === 'number' ? params.maximum : undefined;
    const code = typeof params?.code === 'string' ? params.code : issue.code;
    return {
      path: issue.path.map((key) => (typeof key === 'symbol' ? String(key.description) : key)),
      code,
      message: describe(issue, limit).slice(0, 1_000),
      ...(limit === undefined ? {} : { limit }),
    };
  });
