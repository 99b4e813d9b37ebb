import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm';
import { safeError } from '../../server/logging/safe-error';
import { isDatabaseUnavailable } from '../../server/db/unavailable';

/** A database error as pg and PGlite raise it: SQLSTATE, severity, and a message that may quote values. */
function databaseError(code: string, message: string) {
  return Object.assign(new Error(message), { name: 'error', code, severity: 'ERROR', detail: 'Key (email)=(jane@example.com) already exists.' });
}

describe('safeError', () => {
  it('keeps a failed query’s kind, SQLSTATE and stack, never its text, parameters, message or detail', () => {
    const cause = databaseError('23505', 'duplicate key value violates unique constraint "users_email_key"');
    const error = new DrizzleQueryError('insert into "users" ("email", "name") values ($1, $2)', ['jane@example.com', 'csrf_9f8e7d'], cause);
    const logged = JSON.stringify(safeError(error));
    for (const leak of ['jane@example.com', 'csrf_9f8e7d', 'insert into', 'params', 'already exists']) expect(logged).not.toContain(leak);
    expect(safeError(error)).toMatchObject({ message: 'Failed query (text and parameters withheld)', cause: { code: '23505' } });
    expect(safeError(error).stack).toMatch(/^\s+at /);
  });

  it('withholds quoted input and e-mail addresses from other errors’ messages', () => {
    let parseError: unknown;
    try {
      JSON.parse('{"email": "jane@example.com", oops');
    } catch (error) {
      parseError = error;
    }
    const logged = safeError(parseError);
    expect(logged.type).toBe('SyntaxError');
    expect(JSON.stringify(logged)).not.toContain('jane');
    expect(safeError(new Error('mail to bob@example.org failed'))).toMatchObject({ message: 'mail to …@… failed' });
  });
});

describe('isDatabaseUnavailable', () => {
  it('is true for timeouts, lost connections and a full disk, also under drizzle’s wrapper, and false for a bad request', () => {
    const wrap = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);
    expect(isDatabaseUnavailable(wrap(databaseError('57014', 'canceling statement due to statement timeout')))).toBe(true);
    expect(isDatabaseUnavailable(wrap(databaseError('53100', 'could not extend file: No space left on device')))).toBe(true);
    expect(isDatabaseUnavailable(wrap(new Error('Query read timeout')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(wrap(databaseError('23505', 'duplicate key value')))).toBe(false);
    // A parameter that merely mentions a connection error is not one.
    expect(isDatabaseUnavailable(new DrizzleQueryError('select $1', ['ECONNREFUSED'], databaseError('22P02', 'invalid input')))).toBe(false);
  });
});
