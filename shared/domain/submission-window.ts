import { err, ok, type Result } from './result';

/** How far a device clock may run ahead of the server's before a time it sends counts as in the future. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** How old a public submission may be by default: widget outboxes hold feedback through days offline. */
export const DEFAULT_SUBMISSION_WINDOW_DAYS = 7;

/**
 * Check when a widget user says they pressed submit: at most `windowDays` ago and no further ahead
 * than the clock skew. It becomes the record's recordedAt and the date in its number, so a
 * backdated or future time would misnumber and misdate the record; it is refused (not clamped) so
 * the outbox shows the person why, and the number is never silently of another day.
 */
export const checkSubmittedAt = (submittedAt: string, now: Date, windowDays: number): Result<Date> => {
  const at = Date.parse(submittedAt);
  if (Number.isNaN(at)) return err('validation_failed', 'submittedAt is not an instant', { path: ['submittedAt'], details: { issue: 'invalid_format' } });
  if (at > now.getTime() + CLOCK_SKEW_MS) {
    return err('validation_failed', 'submittedAt is in the future; check the device clock.', { path: ['submittedAt'], details: { issue: 'submitted_in_future' } });
  }
  if (at < now.getTime() - windowDays * 86_400_000) {
    return err('validation_failed', `submittedAt is more than ${windowDays} days ago.`, {
      path: ['submittedAt'],
      details: { issue: 'submitted_too_long_ago', limit: windowDays },
    });
  }
  return ok(new Date(at));
};
