import { describe, expect, it } from 'vitest';
import {
  isConflict,
  isHttpFailure,
  isLocalFailure,
  isMalformed,
  isNetworkFailure,
  isProblem,
  isTimeout,
  localFailure,
  malformed,
  request,
  type ApiFailure,
} from '../../shared/sync/request';
import { outcomeOf } from '../../shared/sync/outcomes';

/*
 * The one failure union every client sees (widget, extension, console): what each kind of
 * non-answer parses to, and what the outbox makes of it.
 */

const answer = (status: number, body: string, headers: Record<string, string> = {}): typeof fetch => async () => new Response(body, { status, headers });
const failureOf = async (fetchFn: typeof fetch, options: Parameters<typeof request>[2] = {}): Promise<ApiFailure> => {
  const result = await request('https://api.example.test/x', {}, { fetch: fetchFn, ...options });
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
};

const GUARDS = { problem: isProblem, http: isHttpFailure, network: isNetworkFailure, timeout: isTimeout, malformed: isMalformed, local: isLocalFailure };
/** Which guards hold: exactly the failure's own kind. */
const kindsOf = (f: ApiFailure) => Object.entries(GUARDS).filter(([, guard]) => guard(f)).map(([kind]) => kind);

describe('the failure union', () => {
  it('reads a problem body: code, status, detail, field issues and the current version on a conflict', async () => {
    const body = JSON.stringify({
      type: 'https://echobox.dev/problems/version_conflict',
      title: 'Conflict',
      status: 409,
      code: 'version_conflict',
      detail: 'Changed by someone else.',
      current: { id: 'r1', version: 4 },
    });
    const conflict = await failureOf(answer(409, body, { 'content-type': 'application/problem+json' }));
    expect(conflict).toEqual({ kind: 'problem', status: 409, code: 'version_conflict', detail: 'Changed by someone else.', retry: false, current: { id: 'r1', version: 4 } });
    expect(kindsOf(conflict)).toEqual(['problem']);
    expect(isConflict(conflict)).toBe(true);

    const invalid = await failureOf(answer(400, JSON.stringify({ title: 'Bad Request', status: 400, code: 'validation_failed', errors: [{ path: ['problem'], code: 'too_small', message: 'x' }] })));
    expect(invalid).toMatchObject({ kind: 'problem', code: 'validation_failed', detail: 'Bad Request', retry: false, errors: [{ path: ['problem'] }] });
    expect(isConflict(invalid)).toBe(false);
    expect(outcomeOf('e1', invalid)).toMatchObject({ id: 'e1', status: 'rejected', error: { code: 'validation_failed', errors: [{ path: ['problem'] }] } });
    expect(outcomeOf('e1', conflict)).toMatchObject({ id: 'e1', status: 'conflict', serverCopy: { id: 'r1', version: 4 } });
  });

  it('retries a problem of the server or of too many requests, after its Retry-After', async () => {
    const busy = await failureOf(answer(503, JSON.stringify({ title: 'Service Unavailable', status: 503, code: 'overloaded' }), { 'retry-after': '9' }));
    expect(busy).toMatchObject({ kind: 'problem', code: 'overloaded', retry: true, retryAfterMs: 9_000 });
    expect(outcomeOf('e1', busy)).toMatchObject({ status: 'retry', error: { code: 'overloaded' }, retryAfterMs: 9_000 });
  });

  it('takes an error page that is not the API as an http failure, by its status', async () => {
    const page = await failureOf(answer(502, '<html>Bad gateway</html>'));
    expect(page).toEqual({ kind: 'http', status: 502, code: 'internal', detail: 'HTTP 502', retry: true });
    expect(kindsOf(page)).toEqual(['http']);
    // A proxy's 413 still means it will never fit; any other 4xx page is a wrong address or a proxy: try later.
    expect(await failureOf(answer(413, '<html>Too large</html>'))).toMatchObject({ kind: 'http', code: 'payload_too_large', retry: false });
    expect(await failureOf(answer(404, '<html>Not found</html>'))).toMatchObject({ kind: 'http', code: 'internal', retry: true });
    expect(await failureOf(answer(429, ''))).toMatchObject({ kind: 'http', code: 'rate_limited', retry: true });
  });

  it('reads a body that claims to be a problem but is cut off as a page, not a problem', async () => {
    const cut = await failureOf(answer(400, '{"type":"about:blank","code":"validati', { 'content-type': 'application/problem+json' }));
    expect(cut).toMatchObject({ kind: 'http', status: 400, code: 'internal', retry: true });
  });

  it('says network when no answer came at all', async () => {
    const offline = await failureOf(async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(offline).toEqual({ kind: 'network', code: 'network_error', detail: 'Failed to fetch', retry: true });
    expect(kindsOf(offline)).toEqual(['network']);
  });

  it('says timeout when the answer did not come in time', async () => {
    // The fake server never answers; it only gives up when the request's signal does.
    const silent: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const late = await failureOf(silent, { timeoutMs: 1 });
    expect(late).toEqual({ kind: 'timeout', code: 'timeout', detail: 'The server did not answer in time.', retry: true });
    expect(kindsOf(late)).toEqual(['timeout']);
    expect(outcomeOf('e1', late)).toMatchObject({ status: 'retry', error: { code: 'timeout' } });
  });

  it('has a malformed kind for an answer the caller could not read, and a local kind for what failed on the device', () => {
    expect(kindsOf(malformed())).toEqual(['malformed']);
    expect(malformed()).toMatchObject({ code: 'internal', retry: true });
    const clip = localFailure('forbidden', 'Cannot access this page.', 'permission');
    expect(clip).toEqual({ kind: 'local', code: 'forbidden', detail: 'Cannot access this page.', retry: false, reason: 'permission' });
    expect(kindsOf(clip)).toEqual(['local']);
  });
});
