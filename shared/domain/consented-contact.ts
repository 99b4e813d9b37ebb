import type { Locale } from '../schemas/common';
import type { ContactBody } from '../schemas/contact';

/*
 * The capturing front ends have one contact field (DOMAIN.md §3: 联系方式) where a person types a
 * phone number, an e-mail address or both. With the consent box ticked, its e-mail and phone go
 * unmasked to the vault beside the masked record (§13); nothing else of the field does.
 */

const SEPARATORS = '\\s@,;/,;、';
const EMAIL = new RegExp(`[^${SEPARATORS}]+@[^${SEPARATORS}]+\\.[^${SEPARATORS}]+`);
const PHONE = /\+?\d[\d\s().-]{3,38}\d/;

/**
 * The consented contact for the vault from what was typed: the first e-mail address and the first
 * phone number in the contact field, and the person's name where the form asks for it. Nothing
 * without consent, or when neither an e-mail nor a phone number is recognised.
 */
export function consentedContactOf(input: { typed: string; consent: boolean; locale: Locale; name?: string | undefined }): ContactBody | undefined {
  if (!input.consent) return undefined;
  const found = EMAIL.exec(input.typed)?.[0];
  // Longer than any deliverable address (RFC 5321: 254): not an address to write to.
  const email = found && found.length <= 254 ? found : undefined;
  const phone = PHONE.exec(found ? input.typed.replace(found, ' ') : input.typed)?.[0];
  if (!email && !phone) return undefined;
  const name = input.name?.trim().slice(0, 200);
  return {
    consent: true,
    contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
    locale: input.locale,
  };
}
