import { maskName, maskText, maskTextWith, type MaskTextOptions } from '../domain/masking';

/**
 * Mask free text on the device with the shared masker: customer text by default (titled names
 * too), `scope: 'article'` for a page's published text (contact data and the customer's names only).
 */
export function maskFree(text: string, options?: MaskTextOptions): string {
  const masked = options ? maskTextWith(text, options) : maskText(text);
  return masked.ok ? masked.value : '';
}

/** Mask a person shown as requester or author (`*先生`, `Ms *`, `*`); company names are kept. */
export function maskPerson(name: string): string {
  const masked = maskName(name);
  return masked.ok ? masked.value : '*';
}
