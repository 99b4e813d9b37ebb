import * as z from 'zod/mini';

/*
 * Cross-field rules JSON Schema cannot express. They run even when other fields already failed,
 * so one response lists every problem, and they report a stable code (the `code` of a field
 * issue, see problem.ts) instead of zod's generic `custom`. toJSONSchema() leaves them out: the
 * OpenAPI document is a little looser than the server, never stricter.
 */

/** Codes of the cross-field rules, on top of zod's own issue codes (too_small, invalid_type …). */
export const ISSUE_CODES = [
  'contact_requires_consent',
  'reason_required',
  'decision_required',
  'empty_patch',
  'duplicate_id',
  'too_many_entries',
  'date_range_order',
  'period_required',
  'locale_required',
  'date_out_of_range',
  'one_target_required',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Loose view of a value under validation: fields may still be of the wrong type. */
export type Unchecked = { readonly [key: string]: unknown };

const isObject = (payload: { value: unknown }): boolean =>
  typeof payload.value === 'object' && payload.value !== null;

/** A check that reports `code` at `path` when `holds` is false; runs whenever the value is an object. */
export const rule = <T>(code: IssueCode, path: PropertyKey[], holds: (value: Unchecked) => boolean) =>
  z.refine<T>((value) => holds(value as Unchecked), {
    path,
    message: code,
    params: { code },
    when: isObject,
  });

/**
 * Contact may only be kept when the customer consented (DOMAIN.md §3). A consent of the wrong
 * type is already reported at contactConsent, so it is not reported twice.
 */
export const contactNeedsConsent = <T>() =>
  rule<T>('contact_requires_consent', ['contact'], (v) => {
    const consent = v.contactConsent;
    const wrongType = consent !== undefined && typeof consent !== 'boolean';
    return v.contact === undefined || v.contact === null || consent === true || wrongType;
  });

/**
 * The unmasked contact for the vault travels only with the record's consent box ticked
 * (DOMAIN.md §13): a body whose consentedContact contradicts contactConsent is refused.
 */
export const consentedContactNeedsConsent = <T>() =>
  rule<T>('contact_requires_consent', ['consentedContact'], (v) => v.consentedContact === undefined || v.contactConsent === true);

/** At most `max` keys in a string-keyed map (JSON Schema `maxProperties` is not emitted by zod). */
export const maxKeys = <T>(max: number) =>
  z.refine<T>((value) => Object.keys(value as object).length <= max, {
    message: 'too_many_entries',
    params: { code: 'too_many_entries', maximum: max },
  });

/** Every `id` in a list is different (question ids, option ids). */
export const uniqueIds = <T extends ReadonlyArray<{ id: unknown }>>() =>
  z.refine<T>((list) => new Set(list.map((item) => item.id)).size === list.length, {
    message: 'duplicate_id',
    params: { code: 'duplicate_id' },
  });
