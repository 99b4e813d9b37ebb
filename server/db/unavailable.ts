/*
 * SQLSTATE classes and codes that mean "the database cannot serve this now", not "this request is
 * wrong": connection exceptions (08), insufficient resources (53), operator intervention (57:
 * statement timeout, shutdown, cannot connect now), lock not available (55P03) and a transaction
 * ended for idling (25P03).
 */
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_CODES = ['55P03', '25P03'];

/** Messages of node-postgres when it cannot get a connection or an answer in time. */
const CLIENT_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH/;

/** Whether `error` (or an error it wraps, as drizzle's failed query does) says the database is stalled or unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^[0-9A-Z]{5}$/.test(code) && (UNAVAILABLE_CLASSES.includes(code.slice(0, 2)) || UNAVAILABLE_CODES.includes(code))) return true;
      if (/^E[A-Z]+$/.test(code) && CLIENT_MESSAGES.test(code)) return true;
    }
    if (CLIENT_MESSAGES.test(current.message) && !('params' in current)) return true;
  }
  return false;
}
