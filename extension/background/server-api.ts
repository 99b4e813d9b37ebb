import * as z from 'zod/mini';
import { AdapterCatalog } from '../../shared/schemas/adapter';
import { problemIn } from '../../shared/schemas/problem';
import type { RecordSummary } from '../../shared/schemas/record';
import { RecordPage } from '../../shared/schemas/record-page';
import { StaffUserView } from '../../shared/schemas/staff';
import { AttachmentStored } from '../../shared/schemas/attachment-stored';
import type { ItemError } from '../../shared/schemas/sync';
import type { Result } from '../../shared/domain/result';
import { malformed as unreadable, request as send, type ApiFailure } from '../../shared/sync/request';
import { apiBase, type StaffIdentity } from '../storage/extension-options';

/** Where and as whom to call the staff API. */
export interface ApiTarget {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Answer = Result<{ status: number; body: unknown; headers: Headers }, ApiFailure>;

async function request(target: ApiTarget, path: string, init: RequestInit = {}, conditional = false): Promise<Answer> {
  const answer = await send(
    `${apiBase(target.serverUrl)}${path}`,
    { ...init, headers: { accept: 'application/json', authorization: `Bearer ${target.token}`, ...(init.headers as Record<string, string>) } },
    { ...(target.fetch ? { fetch: target.fetch } : {}), timeoutMs: target.timeoutMs ?? 15_000, problem: problemIn, notModified: conditional },
  );
  return answer.ok ? { ok: true, value: answer } : { ok: false, error: answer.failure };
}

const malformed = (what: string): ApiFailure => unreadable(`Malformed ${what} from the server.`);

/** Who the token belongs to (GET /auth/me): the connection and token check of the options page. */
export async function fetchIdentity(target: ApiTarget, now: Date = new Date()): Promise<Result<StaffIdentity, ApiFailure>> {
  const answer = await request(target, '/auth/me');
  if (!answer.ok) return answer;
  // Only the user is read, so a server from before `timeZone` joined the answer still connects.
  const parsed = z.safeParse(z.object({ user: StaffUserView }), answer.value.body);
  if (!parsed.success) return { ok: false, error: malformed('identity') };
  const { id, name, role } = parsed.data.user;
  return { ok: true, value: { id, name, role, checkedAt: now.toISOString() } };
}

/** Full-text search over records (GET /records?q=), newest first; merged records left out. */
export async function searchRecords(target: ApiTarget, q: string, limit = 10): Promise<Result<RecordSummary[], ApiFailure>> {
  const answer = await request(target, `/records?q=${encodeURIComponent(q.slice(0, 200))}&limit=${limit}`);
  if (!answer.ok) return answer;
  const parsed = z.safeParse(RecordPage, answer.value.body);
  return parsed.success ? { ok: true, value: parsed.data.items } : { ok: false, error: malformed('record list') };
}

/** Upload screenshot bytes (POST /attachments); the server answers their SHA-256. */
export async function uploadAttachment(target: ApiTarget, blob: Blob): Promise<Result<{ sha256: string }, ApiFailure>> {
  const answer = await request(target, '/attachments', {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
    body: blob,
  });
  if (!answer.ok) return answer;
  const parsed = z.safeParse(AttachmentStored, answer.value.body);
  return parsed.success ? { ok: true, value: { sha256: parsed.data.sha256 } } : { ok: false, error: malformed('upload answer') };
}

/** The adapter catalog, or `null` when the cached ETag still matches (304). */
export async function fetchAdapterCatalog(
  target: ApiTarget,
  etag: string | null,
): Promise<Result<{ catalog: AdapterCatalog; etag: string | null } | null, ApiFailure>> {
  const answer = await request(target, '/adapters', etag ? { headers: { 'if-none-match': etag } } : {}, true);
  if (!answer.ok) return answer;
  if (answer.value.status === 304) return { ok: true, value: null };
  const parsed = z.safeParse(AdapterCatalog, answer.value.body);
  if (!parsed.success) return { ok: false, error: malformed('adapter catalog') };
  return { ok: true, value: { catalog: parsed.data, etag: answer.value.headers.get('etag') } };
}
