import { clip } from './text';
import type { MaskTextOptions } from '../domain/masking';
import { maskFree } from './mask';

// Characters that can belong to a phone number, e-mail or id: a cut inside one must not leave a
// readable fragment, so a pre-cut drops the trailing run of them before masking.
const CONTACT_TAIL = /[\w.@+()\-\s]*$/;

/** Mask free text, then bound it to `max` characters; huge input is pre-cut without splitting a contact. */
export function maskBounded(text: string, max: number, options?: MaskTextOptions): string {
  const pre = text.length > max + 256 ? text.slice(0, max + 256).replace(CONTACT_TAIL, '') : text;
  return clip(maskFree(pre, options), max);
}
