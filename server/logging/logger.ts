import pino from 'pino';
import { safeError } from './safe-error';

/** The server's structured logger (pino): one JSON object per line. */
export type Logger = pino.Logger;

/** Levels ECHOBOX_LOG_LEVEL accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of LOG_LEVELS. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Keys that must never reach a log line whatever object is passed in: the request line and the
 * error serializer never include them, this is the safety net for a careless call site.
 */
const REDACTED = ['authorization', 'cookie', 'set-cookie', 'password', 'token', 'body', 'params', 'headers', 'query']
  .flatMap((key) => [key, `*.${key}`, `*["${key}"]`]);

/**
 * A logger writing to `destination` (default: stdout, synchronously, so the last lines before an
 * exit are not lost); errors under `err` go through safeError, so no failed query's parameters,
 * request data or personal data is written.
 */
export function createLogger(options: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  const level = options.level ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new Error(`Log level must be one of ${LOG_LEVELS.join(', ')}`);
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: safeError },
      redact: { paths: [...new Set(REDACTED)], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
