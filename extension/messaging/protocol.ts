import * as z from 'zod/mini';
import { HttpUrl, LIMITS } from '../../shared/schemas/common';
import type { ApiFailure } from '../../shared/sync/request';
import type { RecordSummary } from '../../shared/schemas/record';
import type { StaffIdentity } from '../storage/extension-options';
import { TaughtFieldName, TaughtRulesInput, type TeachPick, type TeachPreview } from '../teach/teach-input';

/*
 * The ONE map of messages between the extension's entrypoints (side panel, options → background).
 * Each type has a zod schema for its request, checked by the receiver, and a response type; the
 * sender and the router are typed from this map, so no `action === "…"` strings elsewhere.
 */

/** How a clip was started. */
export const ClipTrigger = z.enum(['panel', 'action', 'command', 'context_menu']);
export type ClipTrigger = z.infer<typeof ClipTrigger>;

/** Request schemas, by message type. */
export const REQUESTS = {
  /** Clip a tab (default: the tab the person is looking at) into a new draft. */
  'clip.capture': z.object({
    tabId: z.optional(z.int()),
    trigger: ClipTrigger,
    selection: z.optional(z.string().check(z.maxLength(LIMITS.text * 2))),
  }),
  /** Try a failed toolbar, shortcut or menu clip again on its tab. */
  'clip.retry': z.object({ id: z.string().check(z.maxLength(100)) }),
  /** Forget a failed clip the agent has seen. */
  'clip.dismiss': z.object({ id: z.string().check(z.maxLength(100)) }),
  /** Send what is due now and pull status changes. */
  'sync.now': z.object({}),
  /** Check a server address and token (GET /api/v1/auth/me). */
  'connection.check': z.object({ serverUrl: HttpUrl, token: z.string().check(z.minLength(1), z.maxLength(500)) }),
  /** Existing records that may be the same request; `q`, what the agent typed, searches the records instead. */
  'similar.find': z.object({
    q: z.optional(z.string().check(z.maxLength(200))),
    ticketId: z.optional(z.string().check(z.maxLength(100))),
    customerName: z.optional(z.string().check(z.maxLength(LIMITS.title))),
    text: z.optional(z.string().check(z.maxLength(LIMITS.text))),
  }),
  /** Fetch the server's adapter catalog now (ETag-aware). */
  'adapters.refresh': z.object({}),
  /** Teaching a helpdesk: let the agent pick one field's element on the page (the banner in their language). */
  'teach.pick': z.object({ field: TaughtFieldName, banner: z.string().check(z.maxLength(300)) }),
  /** Teaching a helpdesk: read the taught rules on the page (live preview) and build the definition. */
  'teach.preview': z.object({ rules: TaughtRulesInput, id: z.optional(z.string().check(z.maxLength(50))), version: z.optional(z.int()) }),
  /** Teaching a helpdesk: stop a pick in progress. */
  'teach.cancel': z.object({}),
} as const;

/** Every message type. */
export type MessageType = keyof typeof REQUESTS;

/** One similar record and why it was suggested. */
export interface SimilarRecord {
  record: Pick<RecordSummary, 'id' | 'recordNumber' | 'customerName' | 'problem' | 'status' | 'category' | 'askedBy'>;
  reasons: Array<'same_ticket' | 'same_customer' | 'similar_text'>;
  score: number;
}

/** Response types, by message type. */
export interface Responses {
  'clip.capture': { draftId: string; screenshot: boolean };
  'clip.retry': { draftId: string; screenshot: boolean };
  'clip.dismiss': { remaining: number };
  'sync.now': { sent: number; synced: number; unsynced: number };
  'connection.check': { identity: StaffIdentity };
  'similar.find': { items: SimilarRecord[] };
  'adapters.refresh': { version: string; count: number; changed: boolean };
  'teach.pick': { pick: TeachPick };
  'teach.preview': TeachPreview;
  'teach.cancel': Record<string, never>;
}

/** The request data of a message type. */
export type RequestOf<K extends MessageType> = z.infer<(typeof REQUESTS)[K]>;

/** What a handler answers: a value, or a failure in the one error vocabulary (a clip's is local, with its reason). */
export type Reply<K extends MessageType> = { ok: true; value: Responses[K] } | { ok: false; error: ApiFailure };

/** The envelope on the wire. */
export interface Envelope<K extends MessageType = MessageType> {
  echobox: 1;
  type: K;
  data: RequestOf<K>;
}

/** Narrow an incoming runtime message to our envelope (other senders' messages are ignored). */
export const isEnvelope = (message: unknown): message is Envelope =>
  typeof message === 'object' &&
  message !== null &&
  (message as { echobox?: unknown }).echobox === 1 &&
  typeof (message as { type?: unknown }).type === 'string' &&
  Object.hasOwn(REQUESTS, (message as { type: string }).type);

