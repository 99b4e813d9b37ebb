import { DASHBOARD_PANELS, type DashboardPanelName, type DashboardPanels } from '../../shared/schemas/dashboard';
import * as z from 'zod/mini';
import { malformed, request, type ApiFailure } from '../../shared/sync/request';
import { AttachmentStored } from '../../shared/schemas/attachment-stored';
import { MeResponse, LoginResponse, TokenCreated, TokenList, type PasswordChange, type LoginRequest } from '../../shared/schemas/staff';
import { RecordDetail, RecordPage } from '../../shared/schemas/record-page';
import { ChangesPage } from '../../shared/schemas/sync';
import type { RecordPatch } from '../../shared/schemas/record';
import type { RecordCreateBody } from '../../shared/schemas/record-create';
import { RecordWithObligations as RecordMutation } from '../../shared/schemas/record-answer';
import { SimilarRecords } from '../../shared/schemas/similar-records';
import type {
  ChangeRequestBody,
  CommunicationBody,
  ProgressBody,
  SatisfactionBody,
  TransitionBody,
} from '../../shared/schemas/record-commands';
import { BulkResponse, BulkTotal, type BulkRequest } from '../../shared/schemas/bulk';
import { AssigneeList } from '../../shared/schemas/assignee';
import {
  SiteKeyList,
  SiteKeyView,
  SiteKeyWithSecret,
  StaffUserView,
  UserList,
  type SiteKeyCreate,
  type SiteKeyUpdate,
  type UserCreate,
  type UserUpdate,
} from '../../shared/schemas/staff';
import { CalendarList, CalendarView, CalendarYearView, type CalendarYearBody } from '../../shared/schemas/calendar';
import { CampaignAnswer, CampaignCreated, CampaignList, type CampaignPatch, type NewCampaign } from '../../shared/schemas/campaign-answer';
import { SurveyAnswer, SurveyCreated, SurveyList, type NewSurvey, type SurveyPatch } from '../../shared/schemas/survey-answer';
import { SurveyResultsAnswer } from '../../shared/schemas/survey-results';
import { documentTag } from '../../shared/domain/document-tag';
import type { AdapterCatalog, AdapterOverrideReport, AdapterOverrideCheck, AdapterPublished, PublishedAdapterList, AdapterDefinition } from '../../shared/schemas/adapter';
import { AssessmentSheet } from '../../shared/schemas/report-assessment-sheet';
import { WeeklyProgress } from '../../shared/schemas/report-weekly-progress';
import { SavedViewAnswer, SavedViewList, type NewSavedView, type SavedViewPatch } from '../../shared/schemas/saved-view';

/*
 * The console's one way to the server: same-origin HTTP with the session cookie, the CSRF token
 * echoed on every unsafe request, and every answer parsed with its schema from shared/schemas.
 * Failures are shared/sync's one vocabulary (ApiFailure); nothing here throws.
 */

/**
 * The adapter schemas check every pattern with RE2JS (~150 KB): fetched with the first adapter call
 * (administration), never in the console's first load.
 */
const adapterSchemas = () => import('../../shared/schemas/adapter');

/** A call's outcome: the parsed body, or why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

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
  /** Edit fields of the version the person saw (If-Match); a stale edit fails as a conflict carrying the stored record. */
  patchRecord(id: string, version: number, patch: RecordPatch): Promise<Result<RecordMutation>>;
  /** A workflow action (screening, start, complete, close, reopen). */
  transition(id: string, body: TransitionBody): Promise<Result<RecordMutation>>;
  /** A progress update on a milestone. */
  addProgress(id: string, body: ProgressBody): Promise<Result<RecordMutation>>;
  /** A message to the customer. */
  communicate(id: string, body: CommunicationBody): Promise<Result<RecordMutation>>;
  /** File a change request. */
  fileChangeRequest(id: string, body: ChangeRequestBody): Promise<Result<RecordMutation>>;
  /** Approve or reject a pending change request. */
  decideChangeRequest(id: string, requestId: string, approve: boolean): Promise<Result<RecordMutation>>;
  /** The customer's rating, recorded by staff. */
  rate(id: string, body: SatisfactionBody): Promise<Result<RecordMutation>>;
  /** Merge a record into a survivor as its duplicate. */
  merge(id: string, into: string): Promise<Result<RecordMutation>>;
  /** Undo a merge. */
  unmerge(id: string): Promise<Result<RecordMutation>>;
  /** Undo a linked requester (reviewers): it stops counting and leaves the requester list. */
  undoRequesterLink(id: string, entryId: string): Promise<Result<RecordMutation>>;
  /** Records that read like this one. */
  similar(id: string): Promise<Result<SimilarRecords>>;
  /** Create a record typed in by staff. */
  createRecord(input: RecordCreateBody): Promise<Result<RecordMutation>>;
  /** Upload an attachment's bytes; answers its content address. */
  uploadAttachment(file: Blob, mimeType: string): Promise<Result<{ sha256: string }>>;
  /** An action on a selection or a filtered set, one chunk (the queue's triage and bulk actions). */
  bulk(body: BulkRequest): Promise<Result<BulkResponse>>;
  /** How many records match the list's filters (the whole filtered set a bulk action would touch). */
  count(query: RecordQuery): Promise<Result<BulkTotal>>;
  /** Who records can be assigned to. */
  assignees(): Promise<Result<AssigneeList>>;
  /** Administration: every staff account. */
  users(): Promise<Result<UserList>>;
  /** Administration: a new staff account (with a first password it must change at its first sign-in). */
  createUser(body: UserCreate): Promise<Result<StaffUserView>>;
  /** Administration: role, department, name, a new first password, or (de)activation. */
  updateUser(id: string, patch: UserUpdate): Promise<Result<StaffUserView>>;
  /** Administration: one staff member's API tokens. */
  userTokens(id: string): Promise<Result<TokenList>>;
  /** Administration: revoke one staff member's API token. */
  revokeUserToken(id: string, tokenId: string): Promise<Result<undefined>>;
  /** Administration: the widget site keys. */
  siteKeys(): Promise<Result<SiteKeyList>>;
  /** Administration: a new site key, with its identity secret shown once. */
  createSiteKey(body: SiteKeyCreate): Promise<Result<SiteKeyWithSecret>>;
  /** Administration: change a site key. */
  updateSiteKey(id: string, patch: SiteKeyUpdate): Promise<Result<SiteKeyView>>;
  /** Administration: a new identity secret for a site key, shown once. */
  rotateSiteKey(id: string): Promise<Result<SiteKeyWithSecret>>;
  /** Administration: the working-day calendars and the years the active one lacks. */
  calendars(): Promise<Result<CalendarList>>;
  /** Administration: one calendar with every year's dates. */
  calendar(id: string): Promise<Result<CalendarView>>;
  /** Administration: store one year of a calendar. */
  putCalendarYear(id: string, year: number, body: CalendarYearBody): Promise<Result<CalendarYearView>>;
  /** Collection campaigns, newest first. */
  campaigns(): Promise<Result<CampaignList>>;
  /** One campaign. */
  campaign(id: string): Promise<Result<CampaignAnswer>>;
  /** Create a campaign (the id is the idempotency key). */
  createCampaign(body: NewCampaign): Promise<Result<CampaignCreated>>;
  /** Edit a campaign as the person saw it (If-Match: its tag); a stale edit fails as version_conflict with `current`. */
  patchCampaign(seen: CampaignAnswer['campaign'], patch: CampaignPatch): Promise<Result<CampaignAnswer>>;
  /** Start (activate) or stop (deactivate) a campaign. */
  setCampaignActive(id: string, active: boolean): Promise<Result<CampaignAnswer>>;
  /** Surveys, of one campaign and/or one purpose. */
  surveys(query?: { campaignId?: string; purpose?: 'campaign' | 'annual_satisfaction' }): Promise<Result<SurveyList>>;
  /** One survey. */
  survey(id: string): Promise<Result<SurveyAnswer>>;
  /** Create a survey (starts inactive). */
  createSurvey(body: NewSurvey): Promise<Result<SurveyCreated>>;
  /** Edit a survey as the person saw it (If-Match: its tag). */
  patchSurvey(seen: SurveyAnswer['survey'], patch: SurveyPatch): Promise<Result<SurveyAnswer>>;
  /** Start or stop showing a survey. */
  setSurveyActive(id: string, active: boolean): Promise<Result<SurveyAnswer>>;
  /** A survey's results: counts, CSAT, NPS, per question, period over period. */
  surveyResults(id: string): Promise<Result<SurveyResultsAnswer>>;
  /** The helpdesk adapter catalog as the extensions get it. */
  adapters(): Promise<Result<AdapterCatalog>>;
  /** Administration: check an adapter override file (nothing is stored). */
  checkAdapters(body: AdapterOverrideCheck): Promise<Result<AdapterOverrideReport>>;
  /** Administration: the adapter definitions published through the API. */
  publishedAdapters(): Promise<Result<PublishedAdapterList>>;
  /** Administration: publish one adapter definition (a taught one) to every extension, by id. */
  publishAdapter(definition: AdapterDefinition): Promise<Result<AdapterPublished>>;
  /** One dashboard panel for a range and departments (`from`, `to`, `department`). */
  dashboard<P extends DashboardPanelName>(panel: P, query: RecordQuery): Promise<Result<DashboardPanels[P]>>;
  /** The assessment meeting sheet for a creation range and departments (`from`, `to`, `department`). */
  assessmentSheet(query: RecordQuery): Promise<Result<AssessmentSheet>>;
  /** The weekly progress report of an ISO week (`week`, `department`). */
  weeklyProgress(query: RecordQuery): Promise<Result<WeeklyProgress>>;
  /** Saved queue views the person may use: shared ones first, then their own. */
  views(): Promise<Result<SavedViewList>>;
  /** Save a queue view. */
  createView(body: NewSavedView): Promise<Result<SavedViewAnswer>>;
  /** Change a view of the version the person saw (If-Match). */
  updateView(id: string, version: number, patch: SavedViewPatch): Promise<Result<SavedViewAnswer>>;
  /** Delete a view of the version the person saw (If-Match). */
  deleteView(id: string, version: number): Promise<Result<undefined>>;
  /**
   * Any staff route, its answer parsed with `schema`: for pages loaded on demand, which bring their
   * own schemas so those stay out of the console's first load.
   */
  send<S extends z.ZodMiniType | undefined>(method: string, path: string, schema: S, body?: unknown): Promise<Result<S extends z.ZodMiniType ? z.infer<S> : undefined>>;
  /** Headers an unsafe request outside this client needs (the CSRF token), e.g. a streamed download. */
  unsafeHeaders(): Record<string, string>;
  /** Called with every failure, so the session can react to 401 and to a required password change. */
  onFailure?: (failure: ApiFailure) => void;
}

/** A record's resource path, or one of its sub-resources. */
const recordPath = (id: string, sub?: string) => `/api/v1/records/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;

/** A record query as URL parameters, empty values left out. */
export const queryString = (query: RecordQuery): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
};

/** The client over `fetch` against `baseUrl` (the console's own origin). */
export function createApiClient(options: { baseUrl?: string; fetch?: typeof fetch; early?: Record<string, Promise<Response>> } = {}): ApiClient {
  const base = options.baseUrl ?? '';
  let csrfToken: string | undefined;
  /** Answers console/boot.ts asked for before this client existed, by path; each serves one call. */
  const early = new Map(Object.entries(options.early ?? {}));

  /**
   * The fetch for one call: a GET the boot script already started takes its answer, unless that
   * answer failed (it is asked again, as the session may have changed since). Any write (signing in
   * or out, above all) drops the early answers: they belong to the session the page opened with.
   */
  const fetchFor = (method: string, path: string, extraHeaders: Record<string, string>): typeof fetch | undefined => {
    if (method !== 'GET') early.clear();
    const started = method === 'GET' && Object.keys(extraHeaders).length === 0 ? early.get(path) : undefined;
    if (!started) return options.fetch;
    early.delete(path);
    const fresh = options.fetch ?? fetch;
    return (async (url: string, init?: RequestInit) => {
      const answer = await started.catch(() => null);
      return answer?.ok ? answer : fresh(url, init);
    }) as typeof fetch;
  };

  async function call<S extends z.ZodMiniType | undefined>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Result<S extends z.ZodMiniType ? z.infer<S> : undefined>> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const raw = body instanceof Blob;
    if (body !== undefined && !raw) headers['content-type'] ??= 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    const answer = await request(
      `${base}${path}`,
      { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }) },
      ((f) => (f ? { fetch: f } : {}))(fetchFor(method, path, extraHeaders)),
    );
    if (!answer.ok) {
      client.onFailure?.(answer.failure);
      return answer;
    }
    if (!schema) return { ok: true, value: undefined as never };
    const parsed = z.safeParse(schema, answer.body);
    return parsed.success ? { ok: true, value: parsed.data as never } : { ok: false, failure: malformed() };
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
    patchRecord: (id, version, patch) => call('PATCH', recordPath(id), RecordMutation, patch, { 'if-match': `"${version}"` }),
    transition: (id, body) => call('POST', recordPath(id, 'transitions'), RecordMutation, body),
    addProgress: (id, body) => call('POST', recordPath(id, 'progress'), RecordMutation, body),
    communicate: (id, body) => call('POST', recordPath(id, 'communications'), RecordMutation, body),
    fileChangeRequest: (id, body) => call('POST', recordPath(id, 'change-requests'), RecordMutation, body),
    decideChangeRequest: (id, requestId, approve) =>
      call('POST', recordPath(id, `change-requests/${encodeURIComponent(requestId)}/decision`), RecordMutation, { approve }),
    rate: (id, body) => call('POST', recordPath(id, 'satisfaction'), RecordMutation, body),
    merge: (id, into) => call('POST', recordPath(id, 'merge'), RecordMutation, { into }),
    unmerge: (id) => call('POST', recordPath(id, 'unmerge'), RecordMutation, {}),
    undoRequesterLink: (id, entryId) => call('POST', recordPath(id, `requesters/${encodeURIComponent(entryId)}/undo`), RecordMutation, {}),
    similar: (id) => call('GET', recordPath(id, 'similar'), SimilarRecords),
    createRecord: (input) => call('POST', '/api/v1/records', RecordMutation, input),
    uploadAttachment: (file, mimeType) => call('POST', '/api/v1/attachments', AttachmentStored, file, { 'content-type': mimeType }),
    bulk: (body) => call('POST', '/api/v1/bulk/records', BulkResponse, body),
    count: (query) => call('GET', `/api/v1/bulk/records/count?${queryString(query)}`, BulkTotal),
    assignees: () => call('GET', '/api/v1/assignees', AssigneeList),
    users: () => call('GET', '/api/v1/users', UserList),
    createUser: (body) => call('POST', '/api/v1/users', StaffUserView, body),
    updateUser: (id, patch) => call('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, StaffUserView, patch),
    userTokens: (id) => call('GET', `/api/v1/users/${encodeURIComponent(id)}/tokens`, TokenList),
    revokeUserToken: (id, tokenId) => call('DELETE', `/api/v1/users/${encodeURIComponent(id)}/tokens/${encodeURIComponent(tokenId)}`, undefined),
    siteKeys: () => call('GET', '/api/v1/site-keys', SiteKeyList),
    createSiteKey: (body) => call('POST', '/api/v1/site-keys', SiteKeyWithSecret, body),
    updateSiteKey: (id, patch) => call('PATCH', `/api/v1/site-keys/${encodeURIComponent(id)}`, SiteKeyView, patch),
    rotateSiteKey: (id) => call('POST', `/api/v1/site-keys/${encodeURIComponent(id)}/rotate`, SiteKeyWithSecret, {}),
    calendars: () => call('GET', '/api/v1/calendars', CalendarList),
    calendar: (id) => call('GET', `/api/v1/calendars/${encodeURIComponent(id)}`, CalendarView),
    adapters: async () => call('GET', '/api/v1/adapters', (await adapterSchemas()).AdapterCatalog),
    checkAdapters: async (body) => call('POST', '/api/v1/adapters/check', (await adapterSchemas()).AdapterOverrideReport, body),
    publishedAdapters: async () => call('GET', '/api/v1/adapters/published', (await adapterSchemas()).PublishedAdapterList),
    publishAdapter: async (definition) => call('PUT', `/api/v1/adapters/published/${encodeURIComponent(definition.id)}`, (await adapterSchemas()).AdapterPublished, definition),
    putCalendarYear: (id, year, body) => call('PUT', `/api/v1/calendars/${encodeURIComponent(id)}/years/${year}`, CalendarYearView, body),
    campaigns: () => call('GET', '/api/v1/campaigns', CampaignList),
    campaign: (id) => call('GET', `/api/v1/campaigns/${encodeURIComponent(id)}`, CampaignAnswer),
    createCampaign: (body) => call('POST', '/api/v1/campaigns', CampaignCreated, body),
    patchCampaign: (seen, patch) =>
      call('PATCH', `/api/v1/campaigns/${encodeURIComponent(seen.id)}`, CampaignAnswer, patch, { 'if-match': `"${documentTag(seen)}"` }),
    setCampaignActive: (id, active) =>
      call('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, CampaignAnswer),
    surveys: (query = {}) => {
      const qs = queryString(query);
      return call('GET', `/api/v1/surveys${qs ? `?${qs}` : ''}`, SurveyList);
    },
    survey: (id) => call('GET', `/api/v1/surveys/${encodeURIComponent(id)}`, SurveyAnswer),
    createSurvey: (body) => call('POST', '/api/v1/surveys', SurveyCreated, body),
    patchSurvey: (seen, patch) =>
      call('PATCH', `/api/v1/surveys/${encodeURIComponent(seen.id)}`, SurveyAnswer, patch, { 'if-match': `"${documentTag(seen)}"` }),
    setSurveyActive: (id, active) => call('POST', `/api/v1/surveys/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, SurveyAnswer),
    surveyResults: (id) => call('GET', `/api/v1/surveys/${encodeURIComponent(id)}/results`, SurveyResultsAnswer),
    dashboard: (panel, query) => call('GET', `/api/v1/dashboard/${panel}?${queryString(query)}`, DASHBOARD_PANELS[panel]) as never,
    assessmentSheet: (query) => call('GET', `/api/v1/reports/assessment-sheet?${queryString(query)}`, AssessmentSheet),
    weeklyProgress: (query) => call('GET', `/api/v1/reports/weekly-progress?${queryString(query)}`, WeeklyProgress),
    views: () => call('GET', '/api/v1/views', SavedViewList),
    createView: (body) => call('POST', '/api/v1/views', SavedViewAnswer, body),
    updateView: (id, version, patch) => call('PATCH', `/api/v1/views/${encodeURIComponent(id)}`, SavedViewAnswer, patch, { 'if-match': `"${version}"` }),
    deleteView: (id, version) => call('DELETE', `/api/v1/views/${encodeURIComponent(id)}`, undefined, undefined, { 'if-match': `"${version}"` }),
    send: (method, path, schema, body) => call(method, path, schema, body),
    unsafeHeaders: (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
  return client;
}
