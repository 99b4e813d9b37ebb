import { sha256Hex } from '../auth/secrets';
import { canonicalJson } from '../../shared/domain/document-tag';

/** Canonical JSON (one definition, in shared/domain/document-tag.ts), for the stores' idempotency checks. */
export { canonicalJson };

/** SHA-256 of the canonical JSON of a request body: the idempotency fingerprint of a client id. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
