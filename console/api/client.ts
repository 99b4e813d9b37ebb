import * as z from 'zod/mini';
import { request, type Failure } from '../../shared/sync/request';
import { MeResponse, LoginResponse, TokenCreated, TokenList, type PasswordChange, type LoginRequest } from '../../shared/schemas/staff';
import { RecordDetail, RecordPage } from '../../shared/schemas/record-page';
import { ChangesPage } from '../../shared/schemas/sync';
import { BulkResponse, BulkTotal, type BulkRequest } from '../../shared/schemas/bulk';
import { AssigneeList } from '../../shared/schemas/assignee';

/*
 * The console's one way to the server: same-origin HTTP with the session cookie, the CSRF token
 * echoed on every unsafe request, and every answer parsed with its schema from shared/schemas.
 * Failures are shared/sync's one vocabulary; nothing here throws.
 */

/** A call's outcome: the parsed body, or why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** The problem code the server answers while a first-start password still has to be changed. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

/** Query of the record list as the queue sends it (already strings, as in the URL). */
export type RecordQuery = Readonly<Record<string, string | undefined>>;

/** Everything the console asks of the server. */
export interface ApiClient {
  me(): Promise<Result<MeResponse>>;
  signIn(body: LoginRequest): Promise<Result<LoginResponse>>;
  signOut(): Promise<Result<undefined>>;
  changePassword(body: PasswordChange): Promise<Result<MeResponse>>;
  tokens(): Promise<Result<TokenList>>;
  createToken(name: string): Promise<Result<TokenCreated>>;
  revokeToken(id: string): Promise<Result<undefined>>;
  records(query: RecordQuery): Promise<Result<RecordPage>>;
  record(idOrNumber: string): Promise<Result<RecordDetail>>;
  /** The changes feed from `cursor` (`now` for its current end); `all` for reviewers. */
  changes(cursor: string, scope: 'mine' | 'all'): Promise<Result<ChangesPage>>;
  /** An action on a selection or a filtered set, one chunk (the queue's triage and bulk actions). */
  bulk(body: BulkRequest): Promise<Result<BulkResponse>>;
  /** How many records match the list's filters (the whole filtered set a bulk action would touch). */
  count(query: RecordQuery): Promise<Result<BulkTotal>>;
  /** Who records can be assigned to. */
  assignees(): Promise<Result<AssigneeList>>;
  /** Merge a record into another as its duplicate. */
  merge(id: string, into: string): Promise<Result<undefined>>;
  /** Called with every failure, so the session can react to 401 and to a required password change. */
  onFailure?: (failure: Failure) => void;
}

const malformedBody = (): Failure => ({ status: 'retry', error: { code: 'internal', message: 'Malformed response from the server.' } });

/** A record query as URL parameters, empty values left out. */
export const queryString = (query: RecordQuery): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
};

/** The client over `fetch` against `baseUrl` (the console's own origin). */
export function createApiClient(options: { baseUrl?: string; fetch?: typeof fetch } = {}): ApiClient {
  const base = options.baseUrl ?? '';
  let csrfToken: string | undefined;

  async function call<S extends z.ZodMiniType | undefined>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<Result<S extends z.ZodMiniType ? z.infer<S> : undefined>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    const answer = await request(
      `${base}${path}`,
      { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      options.fetch ? { fetch: options.fetch } : {},
    );
    if (!answer.ok) {
      client.onFailure?.(answer.failure);
      return answer;
    }
    if (!schema) return { ok: true, value: undefined as never };
    const parsed = z.safeParse(schema, answer.body);
    return parsed.success ? { ok: true, value: parsed.data as never } : { ok: false, failure: malformedBody() };
  }

  /** Keep the CSRF token of a session answer for the next unsafe request. */
  const keepToken = <T extends { csrfToken?: string | undefined }>(result: Result<T>): Result<T> => {
    if (result.ok && result.value.csrfToken) csrfToken = result.value.csrfToken;
    return result;
  };

  const client: ApiClient = {
    me: async () => keepToken(await call('GET', '/api/v1/auth/me', MeResponse)),
    signIn: async (body) => keepToken(await call('POST', '/api/v1/auth/login', LoginResponse, body)),
    signOut: async () => {
      const result = await call('POST', '/api/v1/auth/logout', undefined, {});
      csrfToken = undefined;
      return result;
    },
    changePassword: async (body) => keepToken(await call('POST', '/api/v1/auth/password', MeResponse, body)),
    tokens: () => call('GET', '/api/v1/me/tokens', TokenList),
    createToken: (name) => call('POST', '/api/v1/me/tokens', TokenCreated, { name }),
    revokeToken: (id) => call('DELETE', `/api/v1/me/tokens/${encodeURIComponent(id)}`, undefined),
    records: (query) => {
      const qs = queryString(query);
      return call('GET', `/api/v1/records${qs ? `?${qs}` : ''}`, RecordPage);
    },
    record: (idOrNumber) => call('GET', `/api/v1/records/${encodeURIComponent(idOrNumber)}`, RecordDetail),
    changes: (cursor, scope) =>
      call('GET', `/api/v1/changes?cursor=${encodeURIComponent(cursor)}&limit=100&scope=${scope}`, ChangesPage),
    bulk: (body) => call('POST', '/api/v1/bulk/records', BulkResponse, body),
    count: (query) => call('GET', `/api/v1/bulk/records/count?${queryString(query)}`, BulkTotal),
    assignees: () => call('GET', '/api/v1/assignees', AssigneeList),
    merge: (id, into) => call('POST', `/api/v1/records/${encodeURIComponent(id)}/merge`, undefined, { into }),
  };
  return client;
}

/** The code of a failure as the server sent it (it may be newer than this build's list). */
export const failureCode = (failure: Failure): string => failure.error.code;
