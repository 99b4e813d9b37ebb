import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { attachments } from '../db/schema';
import { sha256Hex } from '../auth/secrets';

/** What the API tells about a stored attachment. */
export interface StoredAttachment {
  sha256: string;
  mimeType: string;
  size: number;
}

/**
 * Store bytes under their SHA-256; storing the same bytes again changes nothing. `created` says
 * whether this call inserted the row (201) or found it already there (200).
 */
export async function putAttachment(
  db: Db,
  bytes: Uint8Array,
  mimeType: string,
): Promise<StoredAttachment & { created: boolean }> {
  const sha256 = sha256Hex(bytes);
  // ON CONFLICT keeps two concurrent uploads of the same file from failing on the primary key.
  const inserted = await db
    .insert(attachments)
    .values({ sha256, mimeType, size: bytes.byteLength, bytes })
    .onConflictDoNothing({ target: attachments.sha256 })
    .returning({ sha256: attachments.sha256 });
  if (inserted.length > 0) return { sha256, mimeType, size: bytes.byteLength, created: true };
  const [existing] = await db
    .select({ sha256: attachments.sha256, mimeType: attachments.mimeType, size: attachments.size })
    .from(attachments)
    .where(eq(attachments.sha256, sha256));
  if (!existing) throw new Error(`attachment ${sha256} vanished between insert and select`);
  return { ...existing, created: false };
}

/** An attachment with its bytes, or undefined if no such digest is stored. */
export async function getAttachment(
  db: Db,
  sha256: string,
): Promise<(StoredAttachment & { bytes: Uint8Array }) | undefined> {
  const [row] = await db
    .select({
      sha256: attachments.sha256,
      mimeType: attachments.mimeType,
      size: attachments.size,
      bytes: attachments.bytes,
    })
    .from(attachments)
    .where(eq(attachments.sha256, sha256));
  return row;
}
