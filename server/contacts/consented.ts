import { problem } from '../errors';
import type { ContactKeyRing } from './key-ring';
import { sealContact, type SealedContact } from './vault';
import type { ContactBody } from '../../shared/schemas/contact';

/** The key ring, or the one problem every vault write answers when the vault is off (no key configured). */
export function vaultKeys(ring: ContactKeyRing | null): ContactKeyRing {
  // A setting of this server, not a passing outage: no Retry-After would help.
  if (!ring) throw problem('conflict', { detail: 'The contact vault is off: no key is configured (ECHOBOX_SECRET_KEY).' });
  return ring;
}

/**
 * The sealed vault row for a new record's consented contact, or nothing without one. A contact that
 * cannot be sealed refuses the whole create: a record is never stored without the contact its
 * customer consented to leave.
 */
export function sealConsented(ring: ContactKeyRing | null, recordId: string, consented: ContactBody | undefined): { contact?: SealedContact } {
  if (!consented) return {};
  return { contact: sealContact(vaultKeys(ring), recordId, consented.contact, consented.locale) };
}
