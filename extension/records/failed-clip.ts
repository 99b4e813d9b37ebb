import * as z from 'zod/mini';
import { LIMITS } from '../../shared/schemas/common';
import { ClipTrigger } from '../messaging/protocol';

/**
 * A press of the toolbar button, the shortcut or the menu that did not give a draft. It is kept
 * (in browser.storage, beside the drafts) until the agent retries or dismisses it, so a clip that
 * failed after the person turned away is shown in the panel instead of being dropped.
 */
export const FailedClip = z.object({
  id: z.string(),
  trigger: ClipTrigger,
  tabId: z.optional(z.int()),
  url: z.optional(z.string().check(z.maxLength(LIMITS.url))),
  title: z.optional(z.string().check(z.maxLength(LIMITS.line))),
  /** The selected text, masked on the device as a draft's is. */
  selection: z.optional(z.string().check(z.maxLength(LIMITS.text))),
  /** The local failure's reason (permission, capture_failed, no_tab, not_http). */
  reason: z.string(),
  /** What the browser said, for the agent and for support. */
  detail: z.string(),
  at: z.string(),
  attempts: z.int(),
});
export type FailedClip = z.infer<typeof FailedClip>;

/** How many failed clips are kept; older ones give way (each also left a notice when it happened). */
export const MAX_FAILED_CLIPS = 20;

/** The list with `failed` first (replacing an earlier try of the same clip), capped. */
export const withFailedClip = (list: readonly FailedClip[], failed: FailedClip): FailedClip[] =>
  [failed, ...list.filter((c) => c.id !== failed.id)].slice(0, MAX_FAILED_CLIPS);

/** The list without the clip `id`. */
export const withoutFailedClip = (list: readonly FailedClip[], id: string): FailedClip[] => list.filter((c) => c.id !== id);
