/** What a log line says about an error: kind, code, a scrubbed message and where it was thrown. */
export interface SafeError {
  type: string;
  code?: string;
  message?: string;
  /** Stack frames only; the first line of `stack` repeats the message and is left out. */
  stack?: string;
  /** PostgreSQL's names for what failed (never the values). */
  constraint?: string;
  table?: string;
  cause?: SafeError;
}

const MAX_MESSAGE = 300;
const MAX_CAUSES = 3;

/** A database error from pg or PGlite: it carries a five-character SQLSTATE and a severity. */
function isDatabaseError(error: Error): error is Error & { code: string; constraint?: string; table?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error;
}

/** drizzle's wrapper, whose message ends in "params: <every parameter>". */
const isFailedQuery = (error: Error) => 'params' in error && 'query' in error;

/**
 * Messages of other errors may quote input (JSON.parse quotes the text it choked on): quoted parts
 * and anything e-mail-like are withheld, and the rest is cut short.
 */
function scrub(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/[^\s@"'<>]+@[^\s@"'<>]+/g, '…@…')
    .slice(0, MAX_MESSAGE);
}

/** The stack's frames, after cutting off its head (the message, which may span lines of input). */
function frames(error: Error): string | undefined {
  if (!error.stack) return undefined;
  const head = error.message ? `${error.name}: ${error.message}` : error.name;
  const rest = error.stack.startsWith(head) ? error.stack.slice(head.length) : error.stack;
  const lines = rest.split('\n').filter((line) => /^\s+at /.test(line));
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * An error as it may be logged: by type, code and stack. A failed query's text and parameters,
 * a database error's message and detail (they quote values) and quoted input are never included.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error };
  const out: SafeError = { type: error.name };
  // PGlite's database errors carry the query and its parameters too: checked first, so the code is kept.
  if (isDatabaseError(error)) {
    out.code = error.code;
    if (error.constraint) out.constraint = error.constraint;
    if (error.table) out.table = error.table;
  } else if (isFailedQuery(error)) {
    out.message = 'Failed query (text and parameters withheld)';
  } else {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length <= 64) out.code = code;
    out.message = scrub(error.message);
  }
  const stack = frames(error);
  if (stack) out.stack = stack;
  if (error.cause !== undefined && depth < MAX_CAUSES) out.cause = safeError(error.cause, depth + 1);
  return out;
}
