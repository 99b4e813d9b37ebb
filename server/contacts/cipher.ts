import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { ContactKeyRing } from './key-ring';

/*
 * AES-256-GCM sealing of one contact (node:crypto). The record id is the additional authenticated
 * data, so a sealed contact copied onto another record does not open. Look-up hashes are HMACs
 * under a key derived from the sealing key, so they change with it on rotation.
 */

const b64 = (b: Buffer): string => b.toString('base64url');

function keyFor(ring: ContactKeyRing, keyId: string): Buffer {
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`contact key ${keyId} is not in the key ring`);
  return key;
}

/** Seal plaintext under the active key; returns the key id and `iv.tag.ciphertext`. */
export function seal(ring: ContactKeyRing, recordId: string, plaintext: string): { keyId: string; sealed: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(ring, ring.activeId), iv);
  cipher.setAAD(Buffer.from(recordId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: ring.activeId, sealed: [b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.') };
}

/** Open a sealed value; throws when the key, record id or bytes do not match. */
export function open(ring: ContactKeyRing, keyId: string, recordId: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed contact is malformed');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(ring, keyId), iv);
  decipher.setAAD(Buffer.from(recordId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

const lookupKeys = new WeakMap<Buffer, Buffer>();

/** HMAC of a normalised e-mail or phone under the look-up key derived from key `keyId`. */
export function lookupHash(ring: ContactKeyRing, keyId: string, kind: 'email' | 'phone', normalised: string): string {
  const key = keyFor(ring, keyId);
  let derived = lookupKeys.get(key);
  if (!derived) {
    derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'echobox contact lookup', 32));
    lookupKeys.set(key, derived);
  }
  return createHmac('sha256', derived).update(`${kind}:${normalised}`).digest('hex');
}
