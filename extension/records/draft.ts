import * as z from 'zod/mini';
import { Clip } from '../../shared/schemas/clip';
import { Category, Channel, ChannelMode, CustomerKind, CustomerType, InitialPriority, Source } from '../../shared/schemas/enums';
import { LIMITS } from '../../shared/schemas/common';

const text = (max: number) => z.string().check(z.maxLength(max));

/** The record form as the person left it: free text as typed, choices possibly unset. */
export const DraftForm = z.object({
  source: Source,
  channel: Channel,
  channelMode: z.optional(ChannelMode),
  customerType: z.optional(CustomerType),
  customerKind: z.optional(CustomerKind),
  customerName: text(LIMITS.title),
  industry: text(LIMITS.title),
  contactPerson: text(LIMITS.title),
  contact: text(LIMITS.title),
  contactConsent: z.boolean(),
  category: z.optional(Category),
  scenario: text(LIMITS.text),
  problem: text(LIMITS.text),
  expectedSolution: text(LIMITS.text),
  initialPriority: z.optional(InitialPriority),
  notes: text(LIMITS.text),
});
export type DraftForm = z.infer<typeof DraftForm>;

/** Why a clip has no screenshot: another tab was in front, the browser gave no grant, or the capture failed. */
export const ScreenshotMissing = z.enum(['tab_hidden', 'not_allowed', 'failed']);
export type ScreenshotMissing = z.infer<typeof ScreenshotMissing>;

/** What an outbox entry in state `draft` carries: the clip, the form, and the redaction state. */
export const DraftPayload = z.object({
  kind: z.literal('draft'),
  clip: Clip,
  adapterId: z.nullable(z.string()),
  missingFields: z.array(z.string()),
  form: DraftForm,
  /** The screenshot's boxes were burned in (or it had none to hide). */
  screenshotRedacted: z.boolean(),
  /** Set when the clip was taken without a screenshot (not when the person removed it). */
  screenshotMissing: z.optional(ScreenshotMissing),
});
export type DraftPayload = z.infer<typeof DraftPayload>;

/** True when an outbox payload is a draft (queued entries carry a RecordInput instead). */
export const isDraftPayload = (payload: unknown): payload is DraftPayload =>
  typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'draft';
