import * as z from 'zod/mini';
import { SimilarRecords } from '../shared/schemas/similar-records';
import { Hono } from 'hono';
import type { AppEnv } from './context';
import { RecordDetail, RecordPage } from '../shared/schemas/record-page';
import { RecordConflictProblem, RecordPatch } from '../shared/schemas/record';
import { BatchRequest, RecordCreateBody } from '../shared/schemas/record-create';
import { RecordCreated, RecordWithObligations, RequesterLinked } from '../shared/schemas/record-answer';
import { RequesterLinkBody } from '../shared/schemas/requester-entry';
import { LedgerExportQuery, LedgerSelection, RecordListQuery } from '../shared/schemas/record-query';
import {
  ChangeRequestBody,
  ChangeRequestDecisionBody,
  CommunicationBody,
  MergeBody,
  ProgressBody,
  SatisfactionBody,
  TransitionBody,
} from '../shared/schemas/record-commands';
import { SubmissionBatchRequest, SubmissionInput } from '../shared/schemas/submission';
import { BatchResponse, ChangesPage, ItemResult } from '../shared/schemas/sync';
import { RatingAnswer } from '../shared/schemas/rating-answer';
import { PROBLEM_SHAPE, Problem } from '../shared/schemas/problem';
import { Campaign, ReporterIdIssued, Survey, SurveyResponse } from '../shared/schemas/survey';
import { CampaignAnswer, CampaignCreated, CampaignList, CampaignPatch, NewCampaign } from '../shared/schemas/campaign-answer';
import { NewSurvey, PublicSurveyList, SurveyAnswer, SurveyCreated, SurveyList, SurveyPatch, SurveyReceipt } from '../shared/schemas/survey-answer';
import { SurveyResultsAnswer } from '../shared/schemas/survey-results';
import { SCREENSHOT_TYPES } from '../shared/schemas/attachment';
import { AttachmentStored } from '../shared/schemas/attachment-stored';
import { AdapterCatalog, AdapterDefinition, AdapterOverrideCheck, AdapterOverrideReport, AdapterPublished, PublishedAdapterList } from '../shared/schemas/adapter';
import {
  LoginRequest,
  LoginResponse,
  MeResponse,
  PasswordChange,
  SiteKeyCreate,
  SiteKeyList,
  SiteKeyUpdate,
  SiteKeyView,
  SiteKeyWithSecret,
  StaffUserView,
  TokenCreate,
  TokenCreated,
  TokenList,
  UserCreate,
  UserList,
  UserUpdate,
} from '../shared/schemas/staff';
import { CalendarList, CalendarView, CalendarYearBody, CalendarYearView } from '../shared/schemas/calendar';
import { Liveness, ReadyStatus } from '../shared/schemas/health';
import { ATTACHMENT_TYPES } from './attachments/sniff';
import { ChangesQuery } from './routes/changes';
import { CampaignListQuery } from './routes/campaigns';
import { SurveyListQuery } from './routes/surveys';
import { PublicSurveyQuery } from './routes/public-surveys';
import { CursorQuery } from './routes/public-records';
import { BulkFilter, BulkRequest, BulkResponse, BulkTotal } from '../shared/schemas/bulk';
import { AssigneeList } from '../shared/schemas/assignee';
import { DashboardQuery } from '../shared/schemas/dashboard-query';
import { BacklogPanel, CompliancePanel, DurationsPanel, RecordsPanel, SatisfactionPanel } from '../shared/schemas/dashboard';
import { AssessmentSheet, AssessmentSheetQuery } from '../shared/schemas/report-assessment-sheet';
import { WeeklyProgress, WeeklyProgressQuery } from '../shared/schemas/report-weekly-progress';
import { SurveysPanel } from '../shared/schemas/dashboard-surveys';
import { TopicsPanel } from '../shared/schemas/dashboard-topics';
import { MailSettings } from '../shared/schemas/mail-settings';
import { WebhookCreate, WebhookCreated, WebhookDeliveryList, WebhookList, WebhookTestSent, WebhookUpdate, WebhookView } from '../shared/schemas/webhook';
import { DeadJobList, DeadJobQuery, JobRetried } from '../shared/schemas/job';
import { ContactBody, ContactKeyRotation, ContactView, CustomerDataExport, CustomerErasure, CustomerLookup } from '../shared/schemas/contact';
import { NewSavedView, SavedView, SavedViewAnswer, SavedViewList, SavedViewPatch } from '../shared/schemas/saved-view';
import { CustomerMessage, CustomerMessageList, MessageTemplate, MessageTemplateBody, MessageTemplateList } from '../shared/schemas/message';

type Schema = z.ZodMiniType;
type Security = 'staff' | 'site' | 'none';

/** One documented answer: a JSON body with its schema, bytes of a media type, or no body (204, 304). */
export interface Answer {
  schema?: Schema;
  contentType?: string;
  description?: string;
}

/** One documented operation; the body and response schemas are the very ones routes and clients parse with. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  security: Security;
  query?: z.ZodMiniObject;
  /** A JSON body, or the media types of a raw upload. */
  body?: Schema | { raw: readonly string[] };
  /** What a 409's `current` holds when it is not a record (the stored campaign or survey of an idempotency conflict). */
  conflict?: Schema;
  /** Every success status the route answers, with what it carries. */
  answers: { [status: number]: Answer };
  ifMatch?: boolean;
}

const NO_BODY: Answer = {};
const ok = (schema: Schema): { 200: Answer } => ({ 200: { schema } });
const created = (schema: Schema): { 201: Answer } => ({ 201: { schema } });
/** A create keyed by the client's id: 201 when stored now, 200 for a retry of the same body. */
const createdOrRetried = (schema: Schema) => ({
  201: { schema, description: 'Stored now' },
  200: { schema, description: 'Stored before with the same body (a retry)' },
});
const noContent = { 204: NO_BODY };
const RecordIdParam = '/api/v1/records/{id}';

/** Every API operation the app serves. */
export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness: the process answers', tag: 'health', security: 'none', answers: ok(Liveness) },
  { method: 'get', path: '/readyz', summary: 'Readiness: the database answers; the active calendar and the years it lacks now or within 60 days', tag: 'health', security: 'none', answers: ok(ReadyStatus) },
  { method: 'post', path: '/api/v1/auth/login', summary: 'Console sign-in; sets the session cookie', tag: 'auth', security: 'none', body: LoginRequest, answers: ok(LoginResponse) },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out', tag: 'auth', security: 'staff', answers: noContent },
  { method: 'post', path: '/api/v1/auth/password', summary: 'Change my password; ends my other sessions (and my tokens with revokeTokens)', tag: 'auth', security: 'staff', body: PasswordChange, answers: ok(MeResponse) },
  { method: 'get', path: '/api/v1/auth/me', summary: 'The signed-in staff member', tag: 'auth', security: 'staff', answers: ok(MeResponse) },
  { method: 'get', path: '/api/v1/me/tokens', summary: 'My API tokens', tag: 'auth', security: 'staff', answers: ok(TokenList) },
  { method: 'post', path: '/api/v1/me/tokens', summary: 'Create an API token for myself (shown once)', tag: 'auth', security: 'staff', body: TokenCreate, answers: created(TokenCreated) },
  { method: 'delete', path: '/api/v1/me/tokens/{tokenId}', summary: 'Revoke one of my tokens', tag: 'auth', security: 'staff', answers: noContent },
  { method: 'post', path: '/api/v1/records', summary: 'Create one record (idempotent by client id)', tag: 'records', security: 'staff', body: RecordCreateBody, answers: createdOrRetried(RecordCreated) },
  { method: 'post', path: '/api/v1/records/batch', summary: 'Create up to 100 records, answered item by item', tag: 'records', security: 'staff', body: BatchRequest, answers: ok(BatchResponse) },
  { method: 'get', path: '/api/v1/records', summary: 'List with filters, search (zh/en), sort and cursor', tag: 'records', security: 'staff', query: RecordListQuery, answers: ok(RecordPage) },
  { method: 'get', path: RecordIdParam, summary: 'One record (by id or number) with its audit trail', tag: 'records', security: 'staff', answers: ok(RecordDetail) },
  { method: 'get', path: `${RecordIdParam}/similar`, summary: 'Unmerged records that read like this one (possible duplicates), best first', tag: 'records', security: 'staff', answers: ok(SimilarRecords) },
  { method: 'patch', path: RecordIdParam, summary: 'Edit fields; If-Match required, 409 with the current record when stale', tag: 'records', security: 'staff', body: RecordPatch, ifMatch: true, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/transitions`, summary: 'Workflow action (mark_valid, mark_invalid, start, complete, close, reopen)', tag: 'records', security: 'staff', body: TransitionBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/progress`, summary: 'Progress update on a milestone', tag: 'records', security: 'staff', body: ProgressBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/communications`, summary: 'Message to the customer', tag: 'records', security: 'staff', body: CommunicationBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/change-requests`, summary: 'File a change request (2 working days ahead)', tag: 'records', security: 'staff', body: ChangeRequestBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/change-requests/{requestId}/decision`, summary: 'Approve or reject a change request', tag: 'records', security: 'staff', body: ChangeRequestDecisionBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/satisfaction`, summary: 'Record the customer’s rating', tag: 'records', security: 'staff', body: SatisfactionBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/merge`, summary: 'Merge into another record as a duplicate', tag: 'records', security: 'staff', body: MergeBody, answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/unmerge`, summary: 'Undo a merge', tag: 'records', security: 'staff', answers: ok(RecordWithObligations) },
  { method: 'post', path: `${RecordIdParam}/requesters`, summary: 'Link a clip to the record as another requester (agents too; idempotent by the link id)', tag: 'records', security: 'staff', body: RequesterLinkBody, answers: createdOrRetried(RequesterLinked) },
  { method: 'post', path: `${RecordIdParam}/requesters/{entryId}/undo`, summary: 'Undo a linked requester (reviewers); the entry stays, marked undone, and no longer counts', tag: 'records', security: 'staff', answers: ok(RecordWithObligations) },
  { method: 'post', path: '/api/v1/bulk/records', summary: 'Assign or transition a selection or a whole filtered set, 100 records a request, answered per record', tag: 'records', security: 'staff', body: BulkRequest, answers: ok(BulkResponse) },
  { method: 'get', path: '/api/v1/bulk/records/count', summary: 'How many records match the list filters', tag: 'records', security: 'staff', query: BulkFilter, answers: ok(BulkTotal) },
  { method: 'get', path: '/api/v1/assignees', summary: 'Active staff records can be assigned to', tag: 'records', security: 'staff', answers: ok(AssigneeList) },
  { method: 'get', path: '/api/v1/dashboard/records', summary: 'Dashboard: records created in the range by status, nature, priority, source, department', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(RecordsPanel) },
  { method: 'get', path: '/api/v1/dashboard/compliance', summary: 'Dashboard: obligations due in the range met in time, met late, breached, open; per kind, urgency, department, owner, week, month', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(CompliancePanel) },
  { method: 'get', path: '/api/v1/dashboard/durations', summary: 'Dashboard: median and p90 working time to first response and to done', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(DurationsPanel) },
  { method: 'get', path: '/api/v1/dashboard/backlog', summary: 'Dashboard: records still pending or in progress by age', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(BacklogPanel) },
  { method: 'get', path: '/api/v1/dashboard/satisfaction', summary: 'Dashboard: satisfaction by month and quarter, dissatisfied follow-ups', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(SatisfactionPanel) },
  { method: 'get', path: '/api/v1/reports/assessment-sheet', summary: 'Assessment meeting sheet (需求评估与优先级排序表): valid records not yet started, with ratings and suggested priority, by department', tag: 'reports', security: 'staff', query: AssessmentSheetQuery, answers: ok(AssessmentSheet) },
  { method: 'get', path: '/api/v1/reports/assessment-sheet.xlsx', summary: 'Assessment meeting sheet as Excel, headings in the reader\'s language', tag: 'reports', security: 'staff', query: AssessmentSheetQuery, answers: { 200: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } },
  { method: 'get', path: '/api/v1/reports/weekly-progress', summary: 'Weekly progress report (需求处理进度跟踪表) of an ISO week, by responsible department', tag: 'reports', security: 'staff', query: WeeklyProgressQuery, answers: ok(WeeklyProgress) },
  { method: 'get', path: '/api/v1/reports/weekly-progress.xlsx', summary: 'Weekly progress report as Excel, headings in the reader\'s language', tag: 'reports', security: 'staff', query: WeeklyProgressQuery, answers: { 200: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } },
  { method: 'get', path: '/api/v1/dashboard/surveys', summary: 'Dashboard: CSAT and NPS per survey, this period against the previous one of equal length', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(SurveysPanel) },
  { method: 'get', path: '/api/v1/dashboard/topics', summary: 'Dashboard: most-asked topics, records grouped by similarity with their requesters after merges', tag: 'dashboard', security: 'staff', query: DashboardQuery, answers: ok(TopicsPanel) },
  { method: 'get', path: '/api/v1/changes', summary: 'Changes feed of my records (all records for reviewers with scope=all), by cursor', tag: 'records', security: 'staff', query: ChangesQuery, answers: ok(ChangesPage) },
  { method: 'get', path: '/api/v1/exports/ledger.csv', summary: 'Ledger (需求台账) as CSV, streamed', tag: 'exports', security: 'staff', query: LedgerExportQuery, answers: { 200: { contentType: 'text/csv' } } },
  { method: 'get', path: '/api/v1/exports/ledger.xlsx', summary: 'Ledger (需求台账) as Excel, streamed', tag: 'exports', security: 'staff', query: LedgerExportQuery, answers: { 200: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } },
  { method: 'post', path: '/api/v1/exports/ledger.csv', summary: 'Ledger (需求台账) of a hand-picked selection (up to 1,000 ids) as CSV, streamed', tag: 'exports', security: 'staff', body: LedgerSelection, answers: { 200: { contentType: 'text/csv' } } },
  { method: 'post', path: '/api/v1/exports/ledger.xlsx', summary: 'Ledger (需求台账) of a hand-picked selection (up to 1,000 ids) as Excel, streamed', tag: 'exports', security: 'staff', body: LedgerSelection, answers: { 200: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } },
  { method: 'get', path: '/api/v1/views', summary: 'Saved queue views I may use: the shared ones, then my own', tag: 'views', security: 'staff', answers: ok(SavedViewList) },
  { method: 'post', path: '/api/v1/views', summary: 'Save a queue view (shared ones: reviewers and admins)', tag: 'views', security: 'staff', body: NewSavedView, answers: created(SavedViewAnswer) },
  { method: 'get', path: '/api/v1/views/{id}', summary: 'One saved view (shared, or my own)', tag: 'views', security: 'staff', answers: ok(SavedViewAnswer) },
  { method: 'patch', path: '/api/v1/views/{id}', summary: 'Rename a view or change its query or sharing; If-Match required, 409 with the current view when stale', tag: 'views', security: 'staff', body: SavedViewPatch, ifMatch: true, conflict: SavedView, answers: ok(SavedViewAnswer) },
  { method: 'delete', path: '/api/v1/views/{id}', summary: 'Delete a saved view; If-Match required', tag: 'views', security: 'staff', ifMatch: true, conflict: SavedView, answers: noContent },
  { method: 'post', path: '/api/v1/attachments', summary: 'Upload attachment bytes (content-addressed by SHA-256)', tag: 'attachments', security: 'staff', body: { raw: ATTACHMENT_TYPES }, answers: createdOrRetried(AttachmentStored) },
  { method: 'get', path: '/api/v1/attachments/{sha256}', summary: 'Download attachment bytes', tag: 'attachments', security: 'staff', answers: { 200: { contentType: 'application/octet-stream', description: 'The bytes, with their stored media type' } } },
  { method: 'get', path: '/api/v1/campaigns', summary: 'Collection campaigns', tag: 'campaigns', security: 'staff', query: CampaignListQuery, answers: ok(CampaignList) },
  { method: 'post', path: '/api/v1/campaigns', summary: 'Create a campaign (idempotent by id; `id` and `active` may be left out)', tag: 'campaigns', security: 'staff', body: NewCampaign, conflict: Campaign, answers: createdOrRetried(CampaignCreated) },
  { method: 'get', path: '/api/v1/campaigns/{id}', summary: 'One campaign', tag: 'campaigns', security: 'staff', answers: ok(CampaignAnswer) },
  { method: 'patch', path: '/api/v1/campaigns/{id}', summary: 'Change a campaign (top-level fields replaced whole); an If-Match other than the ETag of the stored campaign gets 409 version_conflict with `current`', tag: 'campaigns', security: 'staff', body: CampaignPatch, conflict: Campaign, answers: ok(CampaignAnswer) },
  { method: 'post', path: '/api/v1/campaigns/{id}/activate', summary: 'Activate a campaign', tag: 'campaigns', security: 'staff', answers: ok(CampaignAnswer) },
  { method: 'post', path: '/api/v1/campaigns/{id}/deactivate', summary: 'Deactivate a campaign (hides its surveys)', tag: 'campaigns', security: 'staff', answers: ok(CampaignAnswer) },
  { method: 'get', path: '/api/v1/surveys', summary: 'Surveys', tag: 'surveys', security: 'staff', query: SurveyListQuery, answers: ok(SurveyList) },
  { method: 'post', path: '/api/v1/surveys', summary: 'Create a survey (idempotent by id; `id` and `active` may be left out)', tag: 'surveys', security: 'staff', body: NewSurvey, conflict: Survey, answers: createdOrRetried(SurveyCreated) },
  { method: 'get', path: '/api/v1/surveys/{id}', summary: 'One survey', tag: 'surveys', security: 'staff', answers: ok(SurveyAnswer) },
  { method: 'patch', path: '/api/v1/surveys/{id}', summary: 'Change a survey (top-level fields replaced whole; answered questions stay); an If-Match other than the stored ETag gets 409 version_conflict with `current`', tag: 'surveys', security: 'staff', body: SurveyPatch, conflict: Survey, answers: ok(SurveyAnswer) },
  { method: 'post', path: '/api/v1/surveys/{id}/activate', summary: 'Activate a survey', tag: 'surveys', security: 'staff', answers: ok(SurveyAnswer) },
  { method: 'post', path: '/api/v1/surveys/{id}/deactivate', summary: 'Deactivate a survey', tag: 'surveys', security: 'staff', answers: ok(SurveyAnswer) },
  { method: 'get', path: '/api/v1/surveys/{id}/results', summary: 'Survey results: counts, CSAT, NPS, period over period', tag: 'surveys', security: 'staff', answers: ok(SurveyResultsAnswer) },
  { method: 'get', path: '/api/v1/adapters', summary: 'Helpdesk adapter definitions for the extension (ETag; If-None-Match answers 304)', tag: 'extension', security: 'staff', answers: { ...ok(AdapterCatalog), 304: { description: 'Not modified: the cached catalog is current' } } },
  { method: 'post', path: '/api/v1/adapters/check', summary: 'Check a helpdesk adapter override file before it is put in place (admin); nothing is stored', tag: 'admin', security: 'staff', body: AdapterOverrideCheck, answers: ok(AdapterOverrideReport) },
  { method: 'get', path: '/api/v1/adapters/published', summary: 'Helpdesk adapter definitions published through the API (admin)', tag: 'admin', security: 'staff', answers: ok(PublishedAdapterList) },
  { method: 'put', path: '/api/v1/adapters/published/{id}', summary: 'Publish one helpdesk adapter definition to every extension, adding or replacing it by id (admin; logged)', tag: 'admin', security: 'staff', body: AdapterDefinition, answers: ok(AdapterPublished) },
  { method: 'delete', path: '/api/v1/adapters/published/{id}', summary: 'Withdraw a published helpdesk adapter definition (admin; logged)', tag: 'admin', security: 'staff', answers: noContent },
  { method: 'get', path: '/api/v1/users', summary: 'Staff accounts (admin)', tag: 'admin', security: 'staff', answers: ok(UserList) },
  { method: 'post', path: '/api/v1/users', summary: 'Create a staff account (admin)', tag: 'admin', security: 'staff', body: UserCreate, answers: created(StaffUserView) },
  { method: 'get', path: '/api/v1/users/{id}', summary: 'One staff account (admin)', tag: 'admin', security: 'staff', answers: ok(StaffUserView) },
  { method: 'patch', path: '/api/v1/users/{id}', summary: 'Change role, department, name, password, disabled (admin)', tag: 'admin', security: 'staff', body: UserUpdate, answers: ok(StaffUserView) },
  { method: 'get', path: '/api/v1/users/{id}/tokens', summary: 'A user’s API tokens (admin)', tag: 'admin', security: 'staff', answers: ok(TokenList) },
  { method: 'post', path: '/api/v1/users/{id}/tokens', summary: 'Issue an API token for a user (shown once)', tag: 'admin', security: 'staff', body: TokenCreate, answers: created(TokenCreated) },
  { method: 'delete', path: '/api/v1/users/{id}/tokens/{tokenId}', summary: 'Revoke a user’s token (admin)', tag: 'admin', security: 'staff', answers: noContent },
  { method: 'get', path: '/api/v1/site-keys', summary: 'Widget site keys (admin)', tag: 'admin', security: 'staff', answers: ok(SiteKeyList) },
  { method: 'post', path: '/api/v1/site-keys', summary: 'Create a site key with its allowed origins (admin)', tag: 'admin', security: 'staff', body: SiteKeyCreate, answers: created(SiteKeyWithSecret) },
  { method: 'get', path: '/api/v1/site-keys/{id}', summary: 'One site key (admin)', tag: 'admin', security: 'staff', answers: ok(SiteKeyView) },
  { method: 'patch', path: '/api/v1/site-keys/{id}', summary: 'Change origins, rate or active state (admin)', tag: 'admin', security: 'staff', body: SiteKeyUpdate, answers: ok(SiteKeyView) },
  { method: 'post', path: '/api/v1/site-keys/{id}/rotate', summary: 'Rotate the identity secret (shown once)', tag: 'admin', security: 'staff', answers: ok(SiteKeyWithSecret) },
  { method: 'get', path: '/api/v1/calendars', summary: 'Working-day calendars, the active one and the years it lacks now or within 60 days (admin)', tag: 'admin', security: 'staff', answers: ok(CalendarList) },
  { method: 'get', path: '/api/v1/calendars/{id}', summary: 'One calendar with every year’s holidays and make-up working days (admin)', tag: 'admin', security: 'staff', answers: ok(CalendarView) },
  { method: 'put', path: '/api/v1/calendars/{id}/years/{year}', summary: 'Add or replace a year of a calendar (admin); it replaces the package’s year', tag: 'admin', security: 'staff', body: CalendarYearBody, answers: ok(CalendarYearView) },
  { method: 'delete', path: '/api/v1/calendars/{id}/years/{year}', summary: 'Remove a stored year (the package’s applies again) (admin)', tag: 'admin', security: 'staff', answers: noContent },
  { method: 'get', path: '/api/v1/webhooks', summary: 'Webhook and team-chat endpoints (admin)', tag: 'admin', security: 'staff', answers: ok(WebhookList) },
  { method: 'post', path: '/api/v1/webhooks', summary: 'Add an endpoint: Standard Webhooks (secret shown once), WeCom, DingTalk, Feishu or Slack (admin)', tag: 'admin', security: 'staff', body: WebhookCreate, answers: created(WebhookCreated) },
  { method: 'get', path: '/api/v1/webhooks/{id}', summary: 'One endpoint (admin)', tag: 'admin', security: 'staff', answers: ok(WebhookView) },
  { method: 'patch', path: '/api/v1/webhooks/{id}', summary: 'Change name, URL, events or active state (admin)', tag: 'admin', security: 'staff', body: WebhookUpdate, answers: ok(WebhookView) },
  { method: 'delete', path: '/api/v1/webhooks/{id}', summary: 'Remove an endpoint (admin)', tag: 'admin', security: 'staff', answers: noContent },
  { method: 'get', path: '/api/v1/webhooks/{id}/deliveries', summary: 'An endpoint’s delivery log: every attempt, most recent first (admin)', tag: 'admin', security: 'staff', answers: ok(WebhookDeliveryList) },
  { method: 'post', path: '/api/v1/webhooks/{id}/test', summary: 'Send a test event to an active endpoint through the usual delivery job; audited (admin)', tag: 'admin', security: 'staff', answers: { 202: { schema: WebhookTestSent, description: 'Queued for delivery' } } },
  { method: 'get', path: '/api/v1/jobs/dead', summary: 'Dead letters: jobs that failed every attempt (admin)', tag: 'admin', security: 'staff', query: DeadJobQuery, answers: ok(DeadJobList) },
  { method: 'post', path: '/api/v1/jobs/{id}/retry', summary: 'Queue a dead letter again (admin)', tag: 'admin', security: 'staff', answers: ok(JobRetried) },
  { method: 'delete', path: '/api/v1/jobs/{id}', summary: 'Delete a dead letter for good (admin)', tag: 'admin', security: 'staff', answers: noContent },
  { method: 'put', path: '/api/v1/contacts/{recordId}', summary: 'Store a record’s unmasked contact, encrypted, with the customer’s consent', tag: 'contacts', security: 'staff', body: ContactBody, answers: noContent },
  { method: 'post', path: '/api/v1/contacts/{recordId}/read', summary: 'Read a record’s unmasked contact (record.read_contact; audited)', tag: 'contacts', security: 'staff', answers: ok(ContactView) },
  { method: 'post', path: '/api/v1/contacts/rotate-key', summary: 'Re-encrypt every stored contact under the active key (admin)', tag: 'contacts', security: 'staff', answers: ok(ContactKeyRotation) },
  { method: 'post', path: '/api/v1/customer-data/export', summary: 'A customer’s data by e-mail or phone, on request (admin; audited)', tag: 'contacts', security: 'staff', body: CustomerLookup, answers: ok(CustomerDataExport) },
  { method: 'post', path: '/api/v1/customer-data/erase', summary: 'Erase a customer’s contact from every record found by e-mail or phone (admin; audited)', tag: 'contacts', security: 'staff', body: CustomerLookup, answers: ok(CustomerErasure) },
  { method: 'get', path: '/api/v1/customer-messages', summary: 'A record’s e-mails to the customer with their delivery state (?record=id)', tag: 'messages', security: 'staff', query: z.object({ record: z.string() }), answers: ok(CustomerMessageList) },
  { method: 'post', path: '/api/v1/customer-messages/{id}/retry', summary: 'Send a failed e-mail again', tag: 'messages', security: 'staff', answers: ok(CustomerMessage) },
  { method: 'get', path: '/api/v1/message-templates', summary: 'E-mail wording per kind and language, the company’s own or the default (admin)', tag: 'messages', security: 'staff', answers: ok(MessageTemplateList) },
  { method: 'put', path: '/api/v1/message-templates/{kind}/{locale}', summary: 'Store the company’s wording of one kind and language (admin)', tag: 'messages', security: 'staff', body: MessageTemplateBody, answers: ok(MessageTemplate) },
  { method: 'delete', path: '/api/v1/message-templates/{kind}/{locale}', summary: 'Remove the company’s wording: the default applies again (admin)', tag: 'messages', security: 'staff', answers: ok(MessageTemplate) },
  { method: 'get', path: '/api/v1/mail-settings', summary: 'How e-mail leaves: SMTP configured (host only, never its password), sender, public URL (admin)', tag: 'messages', security: 'staff', answers: ok(MailSettings) },
  { method: 'post', path: '/api/v1/status-links/{recordId}/revoke', summary: 'Withdraw every status-page link of a record', tag: 'messages', security: 'staff', answers: ok(z.object({ revoked: z.int() })) },
  { method: 'post', path: '/api/v1/public/submissions', summary: 'Widget: send a suggestion (idempotent by client id)', tag: 'widget', security: 'site', body: SubmissionInput, answers: createdOrRetried(ItemResult) },
  { method: 'post', path: '/api/v1/public/submissions/batch', summary: 'Widget outbox: up to 100 suggestions', tag: 'widget', security: 'site', body: SubmissionBatchRequest, answers: ok(BatchResponse) },
  { method: 'get', path: '/api/v1/public/updates', summary: 'Widget: updates of this reporter’s records (x-echobox-reporter)', tag: 'widget', security: 'site', query: CursorQuery, answers: ok(ChangesPage) },
  { method: 'post', path: '/api/v1/public/records/{id}/satisfaction', summary: 'Widget: rate a finished record', tag: 'widget', security: 'site', body: SatisfactionBody, answers: ok(RatingAnswer) },
  { method: 'post', path: '/api/v1/public/attachments', summary: 'Widget: upload a screenshot', tag: 'widget', security: 'site', body: { raw: SCREENSHOT_TYPES }, answers: createdOrRetried(AttachmentStored) },
  { method: 'get', path: '/api/v1/public/surveys', summary: 'Widget: surveys active for this site and page', tag: 'widget', security: 'site', query: PublicSurveyQuery, answers: ok(PublicSurveyList) },
  { method: 'post', path: '/api/v1/public/reporter-ids', summary: 'Widget: a server-issued reporter id for survey responses (rate limited per network)', tag: 'widget', security: 'site', answers: created(ReporterIdIssued) },
  { method: 'post', path: '/api/v1/public/survey-responses', summary: 'Widget: answer a survey (idempotent by client id)', tag: 'widget', security: 'site', body: SurveyResponse, answers: createdOrRetried(SurveyReceipt) },
];

const json = (schema: Schema, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** Error statuses every operation may answer, all application/problem+json. */
export const ERROR_RESPONSES: { readonly [status: number]: string } = {
  400: 'Invalid input: validation_failed (each failing field path in `errors`) or invalid_json',
  401: 'unauthenticated or unknown_site_key',
  403: 'forbidden (role), csrf_failed or origin_not_allowed',
  404: 'not_found',
  409: 'version_conflict (with `current`), idempotency_conflict, invalid_transition, guard_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited (Retry-After)',
  500: 'internal: nothing was changed',
  503: 'overloaded, sign_in_busy or database_unavailable (Retry-After)',
  507: 'storage_full or storage_quota_exceeded: nothing was stored',
};

/** 428 precondition_required: an If-Match operation sent without it. */
const PRECONDITION_REQUIRED = 'precondition_required: send If-Match with the version you edited';

/** A 409 whose `current`, when there, is the stored document (a version conflict's record, an idempotency conflict's campaign). */
const conflictProblem = (current: Schema) => z.object({ ...PROBLEM_SHAPE, current: z.optional(current) });
const RecordProblem = conflictProblem(RecordConflictProblem.shape.current);

/** The problem schema an operation answers `status` with. */
export const problemSchema = (op: Operation, status: number): Schema => {
  if (status !== 409) return Problem;
  if (op.path.startsWith(RecordIdParam)) return RecordProblem;
  return op.conflict ? conflictProblem(op.conflict) : Problem;
};

/** The error statuses of one operation. */
export const errorStatuses = (op: Operation): number[] => [...Object.keys(ERROR_RESPONSES).map(Number), ...(op.ifMatch ? [428] : [])];

/** Build the OpenAPI 3.1 document from the route table and the shared zod schemas. */
export function buildOpenApi() {
  const problem = json(Problem, 'output');
  const paths: { [path: string]: { [method: string]: unknown } } = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      const shape = json(op.query, 'input') as { properties?: { [key: string]: unknown }; required?: string[] };
      for (const [name, schema] of Object.entries(shape.properties ?? {})) {
        params.push({ name, in: 'query', required: shape.required?.includes(name) ?? false, schema } as never);
      }
    }
    if (op.ifMatch) params.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } } as never);
    const responses: { [status: string]: unknown } = {};
    for (const [status, answer] of Object.entries(op.answers) as [string, Answer][]) {
      const content = answer.schema
        ? { 'application/json': { schema: json(answer.schema, 'output') } }
        : answer.contentType
          ? { [answer.contentType]: { schema: { type: 'string', contentMediaType: answer.contentType } } }
          : undefined;
      responses[status] = { description: answer.description ?? 'Success', ...(content ? { content } : {}) };
    }
    for (const status of errorStatuses(op)) {
      const schema = problemSchema(op, status);
      responses[String(status)] = {
        description: ERROR_RESPONSES[status] ?? PRECONDITION_REQUIRED,
        content: { 'application/problem+json': { schema: schema === Problem ? { $ref: '#/components/schemas/Problem' } : json(schema, 'output') } },
      };
    }
    const body =
      op.body === undefined
        ? undefined
        : 'raw' in op.body
          ? Object.fromEntries(op.body.raw.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]))
          : { 'application/json': { schema: json(op.body, 'input') } };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: op.security === 'staff' ? [{ bearer: [] }, { session: [] }] : op.security === 'site' ? [{ siteKey: [] }] : [],
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: { required: true, content: body } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Echobox API',
      version: '1',
      description:
        'Customer feedback records, from capture to the customer’s satisfaction rating. Every error is application/problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (ebx_…)' },
        session: { type: 'apiKey', in: 'cookie', name: 'ebx_session', description: 'Console session; unsafe methods also need x-csrf-token' },
        siteKey: { type: 'apiKey', in: 'header', name: 'x-echobox-site-key', description: 'Public widget key, accepted only from the site’s allowed origins' },
      },
      schemas: { Problem: problem },
    },
    paths,
  };
}

/** `GET /api/openapi.json`, built once on first request. */
export const openapiRoute = new Hono<AppEnv>().get('/api/openapi.json', (c) => {
  cached ??= buildOpenApi();
  return c.json(cached);
});
let cached: ReturnType<typeof buildOpenApi> | undefined;
