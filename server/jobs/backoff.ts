/** Retry policy: attempts before a job becomes a dead letter, and the exponential delay between them. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Eight attempts over about 21 minutes at first, then at most an hour apart. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

/**
 * Delay before attempt `attempts + 1`: base · 2^(attempts − 1), capped, with up to 20% jitter taken
 * off (`random` in [0, 1)) so jobs that failed together do not all come back in the same instant.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (1 - 0.2 * random));
}
