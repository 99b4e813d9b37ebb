import { LIMITS } from '../../../shared/schemas/common';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SubmissionBatchRequest, SubmissionInput } from '../../../shared/schemas/submission';
import { submission } from './fixtures';
import { issuesOf, pathsAndCodes, wire } from './helpers';

describe('SubmissionInput', () => {
  it('parses a suggestion-box submission from the reports page', () => {
    expect(SubmissionInput.parse(wire(submission))).toEqual(submission);
  });

  it('accepts an identified reporter and no honeypot field at all', () => {
    const { website: _w, ...rest } = submission;
    const identified = { ...rest, reporter: { kind: 'identified', identityToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTE4NDIifQ.c2ln' } };
    expect(SubmissionInput.safeParse(identified).success).toBe(true);
  });

  it('refuses a filled honeypot at website', () => {
    expect(pathsAndCodes(issuesOf(SubmissionInput, { ...submission, website: 'https://spam.example' }))).toEqual([
      { path: ['website'], code: 'invalid_value' },
    ]);
  });

  it('refuses a missing problem and contact without consent, both at once', () => {
    expect(pathsAndCodes(issuesOf(SubmissionInput, { ...submission, problem: '', contactConsent: false }))).toEqual([
      { path: ['problem'], code: 'too_small' },
      { path: ['contact'], code: 'contact_requires_consent' },
    ]);
  });

  it('refuses bad page context, reporter and screenshot at their paths', () => {
    const issues = issuesOf(SubmissionInput, {
      ...submission,
      page: { ...submission.page, referrer: 'javascript:void(0)', screen: { w: 0, h: 1080 } },
      reporter: { kind: 'anonymous', secretHash: 'not-a-hash' },
      screenshot: { ...submission.screenshot, mimeType: 'image/gif', size: 11 * 1024 * 1024 },
      locale: 'fr',
    });
    expect(pathsAndCodes(issues)).toEqual(
      expect.arrayContaining([
        { path: ['page', 'referrer'], code: 'invalid_format' },
        { path: ['page', 'screen', 'w'], code: 'too_small' },
        { path: ['reporter', 'secretHash'], code: 'invalid_format' },
        { path: ['screenshot', 'mimeType'], code: 'invalid_value' },
        { path: ['screenshot', 'size'], code: 'too_big' },
        { path: ['locale'], code: 'invalid_value' },
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it('refuses wrong types', () => {
    expect(pathsAndCodes(issuesOf(SubmissionInput, { ...submission, contactConsent: 'yes', category: 3 }))).toEqual([
      { path: ['category'], code: 'invalid_value' },
      { path: ['contactConsent'], code: 'invalid_type' },
    ]);
    expect(pathsAndCodes(issuesOf(SubmissionInput, null))).toEqual([{ path: [], code: 'invalid_type' }]);
  });

  it('bounds every free text field', () => {
    const long = 'x'.repeat(LIMITS.text + 1);
    expect(pathsAndCodes(issuesOf(SubmissionInput, { ...submission, scenario: long, contact: 'x'.repeat(201) }))).toEqual([
      { path: ['scenario'], code: 'too_big' },
      { path: ['contact'], code: 'too_big' },
    ]);
  });

  it('batches 1 to 100 submissions', () => {
    expect(SubmissionBatchRequest.safeParse({ items: [submission, submission] }).success).toBe(true);
    expect(SubmissionBatchRequest.safeParse({ items: Array(101).fill(submission) }).success).toBe(false);
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(SubmissionInput.safeParse(v).success).toBe(false);
      }),
    );
  });
});
