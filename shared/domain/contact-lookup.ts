import { err, ok, type Result } from './result';

/*
 * Normal forms of a customer's e-mail and phone, so the same person is found however the address
 * or number was typed (DOMAIN.md §13: a customer's data is exported and erased on request).
 */

/** An e-mail address trimmed and in lower case; refused when it is not one. */
export function normaliseEmail(value: unknown): Result<string> {
  if (typeof value !== 'string') return err('validation_failed', 'email must be a string', { path: ['email'] });
  const email = value.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return err('validation_failed', 'not an e-mail address', { path: ['email'] });
  return ok(email);
}

/** A phone number as digits only; a mainland +86 / 0086 / 86 prefix before a mobile number is dropped. */
export function normalisePhone(value: unknown): Result<string> {
  if (typeof value !== 'string') return err('validation_failed', 'phone must be a string', { path: ['phone'] });
  let digits = value.replace(/\D/g, '');
  const mobile = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits);
  if (mobile?.[1]) digits = mobile[1];
  if (digits.length < 5) return err('validation_failed', 'not a phone number', { path: ['phone'] });
  return ok(digits);
}
