import type * as MaskingModule from '../../shared/domain/masking';
import { stripUrl } from '../../shared/domain/page-privacy';
import { consentedContactOf } from '../../shared/domain/consented-contact';
import type { Category } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/schemas/common';
import type { PageContext } from '../../shared/schemas/page-context';
import type { ReporterCredential } from '../../shared/schemas/reporter';
import type { ScreenshotMeta } from '../../shared/schemas/attachment';
import type { SubmissionInput } from '../../shared/schemas/submission';
import type { OutboxEntry } from '../../shared/sync/types';
import { META, type Store } from './store';

/** What the person filled in, before masking. */
export interface Draft {
  category: Category;
  scenario: string;
  problem: string;
  expectedSolution: string;
  contact: string;
  contactConsent: boolean;
  screenshot?: Screenshot;
}

/** A redacted screenshot and its metadata (the bytes wait in the outbox's blob store). */
export interface Screenshot {
  blob: Blob;
  meta: ScreenshotMeta;
}

/** Everything around a submission that the person did not type. */
export interface Envelope {
  id: string;
  submittedAt: Date;
  page: PageContext;
  reporter: ReporterCredential;
  locale: Locale;
}

const MAX_TEXT = 100_000;

/** The shared masker (shared/domain/masking.ts), as the widget uses it. */
export type Masking = Pick<typeof MaskingModule, 'maskText' | 'maskContact'>;

let masking: Promise<Masking> | undefined;

/**
 * The shared masker, loaded beside the box rather than in its first-open bytes: the box starts the
 * load when it opens and a submit waits for it; a failed load is tried again on the next call.
 */
export const loadMasking = (): Promise<Masking> =>
  (masking ??= import('../../shared/domain/masking').catch((error: unknown) => {
    masking = undefined;
    throw error;
  }));

/**
 * The page a submission comes from: URL and referrer without fragment and without query keys the
 * site did not allow (page-privacy.ts; the server strips again on write); fields
 * the server would refuse are dropped or cut.
 */
export function pageContext(appVersion: string | undefined, queryKeys?: string[], w: Window = window): PageContext {
  const strip = (href: string) => {
    const kept = stripUrl(href, queryKeys);
    return kept.ok ? kept.value : href;
  };
  const ref = strip(w.document.referrer);
  return {
    url: strip(w.location.href).slice(0, 2048),
    // Masked with the rest of the submission (buildSubmission), when the masker has loaded.
    title: w.document.title.trim().slice(0, 1000),
    referrer: /^https?:/.test(ref) && ref.length <= 2048 ? ref : undefined,
    userAgent: w.navigator.userAgent.slice(0, 512),
    screen: { w: w.innerWidth || 1, h: w.innerHeight || 1 },
    appVersion,
  };
}

/**
 * The SubmissionInput for a draft: contact and free text masked on this device, empty optional
 * fields left undefined (JSON leaves them out), consent recorded only together with a contact.
 * With consent, the phone and e-mail as typed go beside it for the vault (consentedContact); the
 * outbox keeps them only until the server acknowledges the submission (shared/sync/outbox.ts).
 */
export function buildSubmission(draft: Draft, envelope: Envelope, { maskText, maskContact }: Masking): SubmissionInput {
  /** Trimmed free text with personal data masked (DOMAIN.md §3), or undefined when empty. */
  const maskFree = (text: string, max = MAX_TEXT): string | undefined => {
    const trimmed = text.trim().slice(0, max);
    const result = maskText(trimmed);
    return (result.ok ? result.value : '') || undefined;
  };
  const masked = draft.contact.trim() ? maskContact(draft.contact) : undefined;
  const contact = (masked?.ok && masked.value.masked.slice(0, 200)) || undefined;
  const consent = !!contact && draft.contactConsent;
  return {
    id: envelope.id,
    category: draft.category,
    scenario: maskFree(draft.scenario),
    problem: maskFree(draft.problem) ?? '',
    expectedSolution: maskFree(draft.expectedSolution),
    contact,
    contactConsent: consent,
    consentedContact: consentedContactOf({ typed: draft.contact, consent, locale: envelope.locale }),
    screenshot: draft.screenshot?.meta,
    page: { ...envelope.page, title: maskFree(envelope.page.title, 1000) ?? '' },
    reporter: envelope.reporter,
    locale: envelope.locale,
    submittedAt: envelope.submittedAt.toISOString(),
  };
}

/**
 * Write the submission to the outbox (screenshot bytes first), durably, before anything is sent.
 * A corrected rejected submission keeps its id (the server never stored it) and replaces its entry.
 */
export async function queueSubmission(store: Store, payload: SubmissionInput, screenshot: Screenshot | undefined, now: number): Promise<string> {
  if (screenshot) await store.outbox.putBlob(screenshot.meta.id, screenshot.blob);
  const blobKeys = screenshot ? [screenshot.meta.id] : undefined;
  const entry: OutboxEntry<SubmissionInput> = {
    id: payload.id,
    kind: 'submission',
    payload,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    ...(blobKeys ? { blobKeys } : {}),
  };
  await store.outbox.put(entry);
  await store.remember(META.records, payload.id);
  return payload.id;
}
