import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, checkSubmittedAt } from '../../../shared/domain/submission-window';

const NOW = new Date('2025-09-30T10:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

describe('checkSubmittedAt', () => {
  it('accepts times inside the window and within the clock skew', () => {
    for (const offset of [0, -DAY, -7 * DAY, CLOCK_SKEW_MS]) {
      expect(checkSubmittedAt(at(offset), NOW, 7)).toEqual({ ok: true, value: new Date(at(offset)) });
    }
  });

  it('refuses older than the window and further ahead than the skew, naming the field and the reason', () => {
    expect(checkSubmittedAt(at(-7 * DAY - 1), NOW, 7)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', path: ['submittedAt'], details: { issue: 'submitted_too_long_ago', limit: 7 } },
    });
    expect(checkSubmittedAt('2001-01-01T00:00:00Z', NOW, 7)).toMatchObject({ ok: false, error: { details: { issue: 'submitted_too_long_ago' } } });
    expect(checkSubmittedAt(at(CLOCK_SKEW_MS + 1), NOW, 7)).toMatchObject({ ok: false, error: { details: { issue: 'submitted_in_future' } } });
    expect(checkSubmittedAt('yesterday', NOW, 7)).toMatchObject({ ok: false, error: { details: { issue: 'invalid_format' } } });
  });

  it('takes the window in days', () => {
    expect(checkSubmittedAt(at(-20 * DAY), NOW, 30).ok).toBe(true);
    expect(checkSubmittedAt(at(-20 * DAY), NOW, 7).ok).toBe(false);
  });
});
