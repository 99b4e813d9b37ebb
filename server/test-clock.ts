import { readFileSync } from 'node:fs';

/*
 * A clock end-to-end tests can set: the SOP's deadlines depend on the date (National Day, make-up
 * days), so a spawned server must live on a chosen day. ECHOBOX_TEST_CLOCK is the instant the
 * server's clock starts at; from there it runs at real speed (sessions, rate windows and leases keep
 * working). ECHOBOX_TEST_CLOCK_FILE names a file the test writes a new instant into to move the
 * clock; it is read on every tick, so the next request sees the new time without a route existing.
 * Both are refused unless NODE_ENV=test, so a production server cannot run on a made-up time.
 */

/** An ISO 8601 instant with seconds and a zone (Z or ±hh:mm), e.g. 2025-09-30T10:00:00Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an instant as the test clock accepts it; NaN when it is not one. */
function parseInstant(text: string): number {
  return INSTANT.test(text) ? Date.parse(text) : Number.NaN;
}

/** Why the test clock settings were refused; main.ts prints it and does not start. */
export class TestClockError extends Error {}

/**
 * The server's clock from ECHOBOX_TEST_CLOCK (and ECHOBOX_TEST_CLOCK_FILE), or undefined when
 * neither is set (the real clock). Throws TestClockError when set outside NODE_ENV=test or invalid.
 * `realNow` is the wall clock the test clock runs on (a parameter so its own tests stay exact).
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv, realNow: () => number = Date.now): (() => Date) | undefined {
  const start = env.ECHOBOX_TEST_CLOCK;
  const file = env.ECHOBOX_TEST_CLOCK_FILE;
  if (!start && !file) return undefined;
  if (env.NODE_ENV !== 'test') {
    throw new TestClockError(
      `ECHOBOX_TEST_CLOCK${file ? '_FILE' : ''} is set, but NODE_ENV is ${env.NODE_ENV ? `"${env.NODE_ENV}"` : 'not set'}: the test clock runs only under NODE_ENV=test. Unset it to run on the real time.`,
    );
  }
  if (!start) throw new TestClockError('ECHOBOX_TEST_CLOCK_FILE needs ECHOBOX_TEST_CLOCK, the instant the clock starts at.');
  const startMs = parseInstant(start);
  if (Number.isNaN(startMs)) throw new TestClockError(`ECHOBOX_TEST_CLOCK: "${start}" is not an instant like 2025-09-30T10:00:00Z.`);
  // The clock shows `base` at wall time `since` and runs on from there.
  let base = startMs;
  let since = realNow();
  let seen: string | undefined;
  return () => {
    if (file) {
      let text: string | undefined;
      try {
        text = readFileSync(file, 'utf8').trim();
      } catch {
        // No file yet: the clock runs on from its start.
      }
      if (text !== undefined && text !== seen) {
        const at = parseInstant(text);
        if (Number.isNaN(at)) throw new TestClockError(`ECHOBOX_TEST_CLOCK_FILE: "${text}" is not an instant like 2025-09-30T10:00:00Z.`);
        seen = text;
        base = at;
        since = realNow();
      }
    }
    return new Date(base + (realNow() - since));
  };
}
