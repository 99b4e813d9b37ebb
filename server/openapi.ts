import * as z from 'zod/mini';
import { Hono } from 'hono';
import type { AppEnv } from './context';
import { RecordDetail, RecordPage } from '../shared/schemas/record-page';
import { BatchRequest, Record as RecordSchema, RecordConflictProblem, RecordInput, RecordPatch } from '../shared/schemas/record';
import { LedgerExportQuery, RecordListQuery } from '../shared/schemas/record-query';
import { Obligation } from '../shared/schemas/obligation';
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
import { BatchResponse, ChangesPage, ItemResult, RecordChange } from '../shared/schemas/sync';
import { Problem } from '../shared/schemas/problem';
import { Campaign, ReporterIdIssued, Survey, SurveyResponse } from '../shared/schemas/survey';
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
  TokenCreate,
  TokenCreated,
  TokenList,
  UserCreate,
  UserList,
  UserUpdate,
} from '../shared/schemas/staff';
import { CalendarList, CalendarView, CalendarYearBody, CalendarYearView } from '../shared/schemas/calendar';
import { ReadyStatus } from '../shared/schemas/health';
import { ContactBody, ContactKeyRotation, ContactView, CustomerDataExport, CustomerErasure, CustomerLookup } from '../shared/schemas/contact';
import { CustomerMessage, CustomerMessageList, MessageTemplate, MessageTemplateBody, MessageTemplateList } from '../shared/schemas/message';

type Schema = z.ZodMiniType;
type Security = 'staff' | 'site' | 'none';

/** One documented operation; the body and response schemas are the very ones the routes validate with. */
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  security: Security;
  query?: z.ZodMiniObject;
  body?: Schema;
  ok?: { status: number; schema?: Schema; description?: string; contentType?: string };
  ifMatch?: boolean;
}

const RecordEnvelope = z.object({ record: RecordSchema, obligations: z.array(Obligation) });
const CursorQuery = z.object({ cursor: z.optional(z.string()), limit: z.optional(z.string()) });

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness: the process answers', tag: 'health', security: 'none', ok: { status: 200 } },
  { method: 'get', path: '/readyz', summary: 'Readiness: the database answers; the active calendar and the years it lacks now or within 60 days', tag: 'health', security: 'none', ok: { status: 200, schema: ReadyStatus } },
  { method: 'post', path: '/api/v1/auth/login', summary: 'Console sign-in; sets the session cookie', tag: 'auth', security: 'none', body: LoginRequest, ok: { status: 200, schema: LoginResponse } },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out', tag: 'auth', security: 'staff', ok: { status: 204 } },
  { method: 'post', path: '/api/v1/auth/password', summary: 'Change my password; ends my other sessions (and my tokens with revokeTokens)', tag: 'auth', security: 'staff', body: PasswordChange, ok: { status: 200, schema: MeResponse } },
  { method: 'get', path: '/api/v1/auth/me', summary: 'The signed-in staff member', tag: 'auth', security: 'staff', ok: { status: 200, schema: MeResponse } },
  { method: 'get', path: '/api/v1/me/tokens', summary: 'My API tokens', tag: 'auth', security: 'staff', ok: { status: 200, schema: TokenList } },
  { method: 'post', path: '/api/v1/me/tokens', summary: 'Create an API token for myself (shown once)', tag: 'auth', security: 'staff', body: TokenCreate, ok: { status: 201, schema: TokenCreated } },
  { method: 'delete', path: '/api/v1/me/tokens/{tokenId}', summary: 'Revoke one of my tokens', tag: 'auth', security: 'staff', ok: { status: 204 } },
  { method: 'post', path: '/api/v1/records', summary: 'Create one record (idempotent by client id)', tag: 'records', security: 'staff', body: RecordInput, ok: { status: 201, schema: z.object({ status: z.string(), record: RecordSchema, obligations: z.array(Obligation) }) } },
  { method: 'post', path: '/api/v1/records/batch', summary: 'Create up to 100 records, answered item by item', tag: 'records', security: 'staff', body: BatchRequest, ok: { status: 200, schema: BatchResponse } },
  { method: 'get', path: '/api/v1/records', summary: 'List with filters, search (zh/en), sort and cursor', tag: 'records', security: 'staff', query: RecordListQuery, ok: { status: 200, schema: RecordPage } },
  { method: 'get', path: '/api/v1/records/{id}', summary: 'One record (by id or number) with its audit trail', tag: 'records', security: 'staff', ok: { status: 200, schema: RecordDetail } },
  { method: 'patch', path: '/api/v1/records/{id}', summary: 'Edit fields; If-Match required, 409 with the current record when stale', tag: 'records', security: 'staff', body: RecordPatch, ifMatch: true, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/transitions', summary: 'Workflow action (mark_valid, mark_invalid, start, complete, close, reopen)', tag: 'records', security: 'staff', body: TransitionBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/progress', summary: 'Progress update on a milestone', tag: 'records', security: 'staff', body: ProgressBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/communications', summary: 'Message to the customer', tag: 'records', security: 'staff', body: CommunicationBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/change-requests', summary: 'File a change request (2 working days ahead)', tag: 'records', security: 'staff', body: ChangeRequestBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/change-requests/{requestId}/decision', summary: 'Approve or reject a change request', tag: 'records', security: 'staff', body: ChangeRequestDecisionBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/satisfaction', summary: 'Record the customer’s rating', tag: 'records', security: 'staff', body: SatisfactionBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/merge', summary: 'Merge into another record as a duplicate', tag: 'records', security: 'staff', body: MergeBody, ok: { status: 200, schema: RecordEnvelope } },
  { method: 'post', path: '/api/v1/records/{id}/unmerge', summary: 'Undo a merge', tag: 'records', security: 'staff', ok: { status: 200, schema: RecordEnvelope } },
  { method: 'get', path: '/api/v1/changes', summary: 'Changes feed of my records, by cursor', tag: 'records', security: 'staff', query: CursorQuery, ok: { status: 200, schema: ChangesPage } },
  { method: 'get', path: '/api/v1/exports/ledger.csv', summary: 'Ledger (需求台账) as CSV, streamed', tag: 'exports', security: 'staff', query: LedgerExportQuery, ok: { status: 200, contentType: 'text/csv' } },
  { method: 'get', path: '/api/v1/exports/ledger.xlsx', summary: 'Ledger (需求台账) as Excel, streamed', tag: 'exports', security: 'staff', query: LedgerExportQuery, ok: { status: 200, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  { method: 'post', path: '/api/v1/attachments', summary: 'Upload attachment bytes (content-addressed by SHA-256)', tag: 'attachments', security: 'staff', ok: { status: 201 } },
  { method: 'get', path: '/api/v1/attachments/{sha256}', summary: 'Download attachment bytes', tag: 'attachments', security: 'staff', ok: { status: 200, contentType: 'application/octet-stream' } },
  { method: 'get', path: '/api/v1/campaigns', summary: 'Collection campaigns', tag: 'campaigns', security: 'staff', ok: { status: 200 } },
  { method: 'post', path: '/api/v1/campaigns', summary: 'Create a campaign', tag: 'campaigns', security: 'staff', body: Campaign, ok: { status: 201 } },
  { method: 'get', path: '/api/v1/campaigns/{id}', summary: 'One campaign', tag: 'campaigns', security: 'staff', ok: { status: 200, schema: Campaign } },
  { method: 'patch', path: '/api/v1/campaigns/{id}', summary: 'Change a campaign (top-level fields replaced whole)', tag: 'campaigns', security: 'staff', ok: { status: 200, schema: Campaign } },
  { method: 'post', path: '/api/v1/campaigns/{id}/activate', summary: 'Activate a campaign', tag: 'campaigns', security: 'staff', ok: { status: 200 } },
  { method: 'post', path: '/api/v1/campaigns/{id}/deactivate', summary: 'Deactivate a campaign (hides its surveys)', tag: 'campaigns', security: 'staff', ok: { status: 200 } },
  { method: 'get', path: '/api/v1/surveys', summary: 'Surveys', tag: 'surveys', security: 'staff', ok: { status: 200 } },
  { method: 'post', path: '/api/v1/surveys', summary: 'Create a survey', tag: 'surveys', security: 'staff', body: Survey, ok: { status: 201 } },
  { method: 'get', path: '/api/v1/surveys/{id}', summary: 'One survey', tag: 'surveys', security: 'staff', ok: { status: 200, schema: Survey } },
  { method: 'patch', path: '/api/v1/surveys/{id}', summary: 'Change a survey (answered questions stay)', tag: 'surveys', security: 'staff', ok: { status: 200, schema: Survey } },
  { method: 'post', path: '/api/v1/surveys/{id}/activate', summary: 'Activate a survey', tag: 'surveys', security: 'staff', ok: { status: 200 } },
  { method: 'post', path: '/api/v1/surveys/{id}/deactivate', summary: 'Deactivate a survey', tag: 'surveys', security: 'staff', ok: { status: 200 } },
  { method: 'get', path: '/api/v1/surveys/{id}/results', summary: 'Survey results: counts, CSAT, NPS, period over period', tag: 'surveys', security: 'staff', ok: { status: 200 } },
  { method: 'get', path: '/api/v1/adapters', summary: 'Helpdesk adapter definitions for the extension (ETag)', tag: 'extension', security: 'staff', ok: { status: 200 } },
  { method: 'get', path: '/api/v1/users', summary: 'Staff accounts (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: UserList } },
  { method: 'post', path: '/api/v1/users', summary: 'Create a staff account (admin)', tag: 'admin', security: 'staff', body: UserCreate, ok: { status: 201 } },
  { method: 'get', path: '/api/v1/users/{id}', summary: 'One staff account (admin)', tag: 'admin', security: 'staff', ok: { status: 200 } },
  { method: 'patch', path: '/api/v1/users/{id}', summary: 'Change role, department, name, password, disabled (admin)', tag: 'admin', security: 'staff', body: UserUpdate, ok: { status: 200 } },
  { method: 'get', path: '/api/v1/users/{id}/tokens', summary: 'A user’s API tokens (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: TokenList } },
  { method: 'post', path: '/api/v1/users/{id}/tokens', summary: 'Issue an API token for a user (shown once)', tag: 'admin', security: 'staff', body: TokenCreate, ok: { status: 201, schema: TokenCreated } },
  { method: 'delete', path: '/api/v1/users/{id}/tokens/{tokenId}', summary: 'Revoke a user’s token (admin)', tag: 'admin', security: 'staff', ok: { status: 204 } },
  { method: 'get', path: '/api/v1/site-keys', summary: 'Widget site keys (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: SiteKeyList } },
  { method: 'post', path: '/api/v1/site-keys', summary: 'Create a site key with its allowed origins (admin)', tag: 'admin', security: 'staff', body: SiteKeyCreate, ok: { status: 201, schema: SiteKeyWithSecret } },
  { method: 'get', path: '/api/v1/site-keys/{id}', summary: 'One site key (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: SiteKeyView } },
  { method: 'patch', path: '/api/v1/site-keys/{id}', summary: 'Change origins, rate or active state (admin)', tag: 'admin', security: 'staff', body: SiteKeyUpdate, ok: { status: 200, schema: SiteKeyView } },
  { method: 'post', path: '/api/v1/site-keys/{id}/rotate', summary: 'Rotate the identity secret (shown once)', tag: 'admin', security: 'staff', ok: { status: 200, schema: SiteKeyWithSecret } },
  { method: 'get', path: '/api/v1/calendars', summary: 'Working-day calendars, the active one and the years it lacks now or within 60 days (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: CalendarList } },
  { method: 'get', path: '/api/v1/calendars/{id}', summary: 'One calendar with every year’s holidays and make-up working days (admin)', tag: 'admin', security: 'staff', ok: { status: 200, schema: CalendarView } },
  { method: 'put', path: '/api/v1/calendars/{id}/years/{year}', summary: 'Add or replace a year of a calendar (admin); it replaces the package’s year', tag: 'admin', security: 'staff', body: CalendarYearBody, ok: { status: 200, schema: CalendarYearView } },
  { method: 'delete', path: '/api/v1/calendars/{id}/years/{year}', summary: 'Remove a stored year (the package’s applies again) (admin)', tag: 'admin', security: 'staff', ok: { status: 204 } },
  { method: 'post', path: '/api/v1/public/submissions', summary: 'Widget: send a suggestion (idempotent by client id)', tag: 'widget', security: 'site', body: SubmissionInput, ok: { status: 201, schema: ItemResult } },
  { method: 'post', path: '/api/v1/public/submissions/batch', summary: 'Widget outbox: up to 100 suggestions', tag: 'widget', security: 'site', body: SubmissionBatchRequest, ok: { status: 200, schema: BatchResponse } },
  { method: 'get', path: '/api/v1/public/updates', summary: 'Widget: updates of this reporter’s records (x-echobox-reporter)', tag: 'widget', security: 'site', query: CursorQuery, ok: { status: 200, schema: ChangesPage } },
  { method: 'post', path: '/api/v1/public/records/{id}/satisfaction', summary: 'Widget: rate a finished record', tag: 'widget', security: 'site', body: SatisfactionBody, ok: { status: 200, schema: z.object({ change: RecordChange }) } },
  { method: 'post', path: '/api/v1/public/attachments', summary: 'Widget: upload a screenshot', tag: 'widget', security: 'site', ok: { status: 201 } },
  { method: 'get', path: '/api/v1/public/surveys', summary: 'Widget: surveys active for this site and page', tag: 'widget', security: 'site', ok: { status: 200 } },
  { method: 'post', path: '/api/v1/public/reporter-ids', summary: 'Widget: a server-issued reporter id for survey responses (rate limited per network)', tag: 'widget', security: 'site', ok: { status: 201, schema: ReporterIdIssued } },
  { method: 'post', path: '/api/v1/public/survey-responses', summary: 'Widget: answer a survey (idempotent by client id)', tag: 'widget', security: 'site', body: SurveyResponse, ok: { status: 201 } },
  { method: 'put', path: '/api/v1/contacts/{recordId}', summary: 'Store a record’s unmasked contact, encrypted, with the customer’s consent', tag: 'contacts', security: 'staff', body: ContactBody, ok: { status: 204 } },
  { method: 'post', path: '/api/v1/contacts/{recordId}/read', summary: 'Read a record’s unmasked contact (record.read_contact; audited)', tag: 'contacts', security: 'staff', ok: { status: 200, schema: ContactView } },
  { method: 'post', path: '/api/v1/contacts/rotate-key', summary: 'Re-encrypt every stored contact under the active key (admin)', tag: 'contacts', security: 'staff', ok: { status: 200, schema: ContactKeyRotation } },
  { method: 'post', path: '/api/v1/customer-data/export', summary: 'A customer’s data by e-mail or phone, on request (admin; audited)', tag: 'contacts', security: 'staff', body: CustomerLookup, ok: { status: 200, schema: CustomerDataExport } },
  { method: 'post', path: '/api/v1/customer-data/erase', summary: 'Erase a customer’s contact from every record found by e-mail or phone (admin; audited)', tag: 'contacts', security: 'staff', body: CustomerLookup, ok: { status: 200, schema: CustomerErasure } },
  { method: 'get', path: '/api/v1/customer-messages', summary: 'A record’s e-mails to the customer with their delivery state (?record=id)', tag: 'messages', security: 'staff', query: z.object({ record: z.string() }), ok: { status: 200, schema: CustomerMessageList } },
  { method: 'post', path: '/api/v1/customer-messages/{id}/retry', summary: 'Send a failed e-mail again', tag: 'messages', security: 'staff', ok: { status: 200, schema: CustomerMessage } },
  { method: 'get', path: '/api/v1/message-templates', summary: 'E-mail wording per kind and language, the company’s own or the default (admin)', tag: 'messages', security: 'staff', ok: { status: 200, schema: MessageTemplateList } },
  { method: 'put', path: '/api/v1/message-templates/{kind}/{locale}', summary: 'Store the company’s wording of one kind and language (admin)', tag: 'messages', security: 'staff', body: MessageTemplateBody, ok: { status: 200, schema: MessageTemplate } },
  { method: 'delete', path: '/api/v1/message-templates/{kind}/{locale}', summary: 'Remove the company’s wording: the default applies again (admin)', tag: 'messages', security: 'staff', ok: { status: 200, schema: MessageTemplate } },
  { method: 'post', path: '/api/v1/status-links/{recordId}/revoke', summary: 'Withdraw every status-page link of a record', tag: 'messages', security: 'staff', ok: { status: 200, schema: z.object({ revoked: z.int() }) } },
];

const json = (schema: Schema, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const ERROR_RESPONSES = {
  '400': 'Invalid input: validation_failed (each failing field path in `errors`) or invalid_json',
  '401': 'unauthenticated or unknown_site_key',
  '403': 'forbidden (role), csrf_failed or origin_not_allowed',
  '404': 'not_found',
  '409': 'version_conflict (with `current`), idempotency_conflict, invalid_transition, guard_failed',
  '413': 'payload_too_large',
  '415': 'unsupported_media_type',
  '429': 'rate_limited (Retry-After)',
} as const;

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
    const responses: { [status: string]: unknown } = {
      [String(op.ok?.status ?? 200)]: {
        description: op.ok?.description ?? 'Success',
        ...(op.ok?.schema ? { content: { 'application/json': { schema: json(op.ok.schema, 'output') } } } : {}),
        ...(op.ok?.contentType ? { content: { [op.ok.contentType]: {} } } : {}),
      },
    };
    for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
      responses[status] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    if (op.path.includes('/records/{id}')) {
      responses['409'] = {
        description: ERROR_RESPONSES['409'],
        content: { 'application/problem+json': { schema: json(RecordConflictProblem, 'output') } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: op.security === 'staff' ? [{ bearer: [] }, { session: [] }] : op.security === 'site' ? [{ siteKey: [] }] : [],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(op.body, 'input') } } } } : {}),
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
