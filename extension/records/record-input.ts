import * as z from 'zod/mini';
import { maskContact, maskName, maskText } from '../../shared/domain/masking';
import type { RecordInput } from '../../shared/schemas/record';
import { RecordCreateBody } from '../../shared/schemas/record-create';
import { consentedContactOf } from '../../shared/domain/consented-contact';
import { fieldIssues, type FieldIssue } from '../../shared/schemas/problem';
import type { AttachmentMeta } from '../../shared/schemas/attachment';
import type { Result } from '../../shared/domain/result';
import type { ExtensionOptions, StaffIdentity } from '../storage/extension-options';
import type { DraftForm, DraftPayload } from './draft';

const masked = (value: string, mask: (v: string) => { ok: true; value: string } | { ok: false }): string | undefined => {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const result = mask(trimmed);
  return result.ok && result.value.trim() ? result.value.trim() : undefined;
};

const textOf = (value: string) => masked(value, (v) => maskText(v) as { ok: true; value: string } | { ok: false });

/** The masked contact the form shows after the field loses focus (empty when nothing recognisable). */
export function maskedContactOf(value: string): string {
  const result = maskContact(value);
  return result.ok ? result.value.masked : '';
}

/** Omit empty optional strings (the schema wants them absent, never empty). */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The form's fields, masked: every free text through maskText, names and contact through their maskers. */
export function maskForm(form: DraftForm): Partial<RecordInput> {
  return {
    ...optional('customerName', textOf(form.customerName)),
    ...optional('industry', textOf(form.industry)),
    ...optional('contactPerson', masked(form.contactPerson, (v) => {
      // A name that is already masked (`*先生`, `Mr *`) or a company stays as it is.
      if (/^\*|\*$/.test(v)) return { ok: true, value: v };
      return maskName(v) as { ok: true; value: string } | { ok: false };
    })),
    ...optional('contact', form.contactConsent ? masked(form.contact, (v) => ({ ok: true, value: maskedContactOf(v) })) : undefined),
    ...optional('scenario', textOf(form.scenario)),
    ...optional('problem', textOf(form.problem)),
    ...optional('expectedSolution', textOf(form.expectedSolution)),
    ...optional('notes', textOf(form.notes)),
  };
}

/**
 * Build the record to queue from a draft: masked, with the screenshot as its attachment, checked
 * with the shared create schema. Errors are field issues with RecordInput paths. With the consent
 * box ticked, the contact as typed (`typedContact`, never in the draft) and the contact person go
 * beside it for the vault; the outbox drops them once the server has the record.
 */
export function toRecordInput(
  id: string,
  draft: DraftPayload,
  options: ExtensionOptions,
  identity: StaffIdentity | null,
  now: Date,
  typedContact = '',
): Result<RecordCreateBody, FieldIssue[]> {
  const form = draft.form;
  const consented = consentedContactOf({ typed: typedContact, consent: form.contactConsent, locale: options.locale, name: form.contactPerson });
  const shot = draft.clip.screenshot;
  const attachments: AttachmentMeta[] = shot ? [{ ...shot }] : [];
  const candidate = {
    id,
    department: options.department,
    source: form.source,
    channel: form.channel,
    ...(form.channelMode ? { channelMode: form.channelMode } : {}),
    ...(form.customerType ? { customerType: form.customerType } : {}),
    ...(form.customerKind ? { customerKind: form.customerKind } : {}),
    contactConsent: form.contactConsent,
    category: form.category,
    ...(form.initialPriority ? { initialPriority: form.initialPriority } : {}),
    ...maskForm(form),
    attachments,
    initiator: { ...(identity ? { id: identity.id } : {}), name: options.initiatorName.trim() || identity?.name || '' },
    recordedAt: now.toISOString(),
    origin: { kind: 'extension', clip: draft.clip },
    ...(consented ? { consentedContact: consented } : {}),
  };
  const parsed = z.safeParse(RecordCreateBody, candidate);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: fieldIssues(parsed.error) };
}
