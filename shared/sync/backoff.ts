/** First retry waits up to this long (full jitter: anywhere in [0, ceiling)). */
export const BACKOFF_BASE_MS = 1_000;
/** No retry ceiling grows beyond this. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A server's Retry-After is honoured up to this; larger values are treated as a misconfiguration. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/** Upper bound of the wait after `attempts` failed attempts (1 → base, doubling, capped). */
export const backoffCeiling = (attempts: number): number =>
  Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempts, 30) - 1));

/**
 * How long to wait before the next attempt: exponential backoff with full jitter, so tabs and
 * devices that failed together do not retry together; never sooner than the server's Retry-After.
 */
export const backoffDelay = (attempts: number, retryAfterMs?: number, random: () => number = Math.random): number => {
  const jittered = Math.floor(random() * backoffCeiling(attempts));
  const floor = retryAfterMs && retryAfterMs > 0 ? Math.min(retryAfterMs, RETRY_AFTER_MAX_MS) : 0;
  return Math.max(jittered, floor);
};
