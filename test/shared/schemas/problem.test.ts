import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { FieldIssue, MAX_FIELD_ISSUES, Problem, fieldIssues, problemIn } from '../../../shared/schemas/problem';
import { RecordInput } from '../../../shared/schemas/record';
import { recordInput } from './fixtures';

describe('Problem', () => {
  it('parses a validation problem and a version conflict', () => {
    const validation = {
      type: 'about:blank',
      title: 'Validation failed',
      status: 422,
      code: 'validation_failed',
      detail: '2 fields are invalid',
      instance: '/api/v1/records',
      errors: [{ path: ['problem'], code: 'invalid_type', message: 'Expected string' }],
    };
    expect(Problem.parse(validation)).toEqual(validation);
    const conflict = { type: 'about:blank', title: 'Conflict', status: 409, code: 'version_conflict', current: { id: recordInput.id, version: 5, status: 'done' } };
    expect(Problem.parse(conflict).current).toEqual({ id: recordInput.id, version: 5, status: 'done' });
  });
  it('refuses an unknown error code or a success status', () => {
    expect(Problem.safeParse({ type: 'about:blank', title: 'x', status: 400, code: 'oops' }).success).toBe(false);
    expect(Problem.safeParse({ type: 'about:blank', title: 'x', status: 200, code: 'internal' }).success).toBe(false);
  });
});

describe('fieldIssues', () => {
  it('lists each invalid field with its path, code, message and limit', () => {
    const r = RecordInput.safeParse({ ...recordInput, problem: 'x'.repeat(100_001), contactConsent: false, category: 'bug' });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = fieldIssues(r.error);
    expect(issues).toEqual([
      { path: ['category'], code: 'invalid_value', message: expect.stringContaining('feature_request') },
      { path: ['problem'], code: 'too_big', message: 'Too big: at most 100000', limit: 100_000 },
      { path: ['contact'], code: 'contact_requires_consent', message: 'contact_requires_consent' },
    ]);
    for (const issue of issues) expect(FieldIssue.safeParse(issue).success).toBe(true);
  });
  it('turns symbol keys into strings and caps the list', () => {
    const sym = Symbol('weird');
    const many = Array.from({ length: 150 }, () => ({ code: 'custom' as const, path: [sym, 1], message: 'Invalid input', input: 1 }));
    const issues = fieldIssues({ issues: many });
    expect(issues).toHaveLength(MAX_FIELD_ISSUES);
    expect(issues[0]).toEqual({ path: ['weird', 1], code: 'custom', message: 'Invalid input' });
  });
  it('gives a valid list for whatever input any schema rejects (property)', () => {
    const schema = z.object({ a: z.string().check(z.maxLength(3)), b: z.array(z.int()), c: z.enum(['x', 'y']) });
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = schema.safeParse(value);
        if (r.success) return;
        const issues = fieldIssues(r.error);
        expect(issues.length).toBeGreaterThan(0);
        expect(z.array(FieldIssue).safeParse(issues).success).toBe(true);
      }),
    );
  });
});

describe('problemIn', () => {
  it('finds the problem in an error body of the API, and nothing in a proxy page, a bare code or an unknown code', () => {
    const body = { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' };
    expect(problemIn(body)).toEqual(body);
    expect(problemIn('<html>Bad gateway</html>')).toBeUndefined();
    expect(problemIn(undefined)).toBeUndefined();
    expect(problemIn({ code: 'not_found' })).toBeUndefined();
    expect(problemIn({ ...body, code: 'teapot' })).toBeUndefined();
  });
});
