import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { attachments } from '../db/schema';
import { sha256Hex } from '../auth/secrets';
import { problem } from '../errors';

/** What the API tells about a stored attachment. */
export interface StoredAttachment {
  sha256: string;
  mimeType: string;
  size: number;
}

/** Who uploads: staff (no quota), or a widget site with the bytes it may keep stored. */
export interface Uploader {
  now: Date;
  site?: { id: string; quotaBytes: number };
}

/** Seconds a widget waits before it tries an upload refused by its site's quota again. */
const QUOTA_RETRY_AFTER = 3600;

const stored = { sha256: attachments.sha256, mimeType: attachments.mimeType, size: attachments.size };

/**
 * Store bytes under their SHA-256; storing the same bytes again only marks them uploaded now (so
 * the sweep of unreferenced uploads counts 24 h from the last upload). `created` says whether this
 * call inserted the row (201) or found it already there (200). A site's new bytes must fit its
 * quota, else 507 storage_quota_exceeded; its uploads take turns on the site's row so two at once
 * cannot both squeeze into the last free bytes.
 */
export async function putAttachment(
  db: Db,
  bytes: Uint8Array,
  mimeType: string,
  uploader: Uploader,
): Promise<StoredAttachment & { created: boolean }> {
  const sha256 = sha256Hex(bytes);
  const { now, site } = uploader;
  if (!site) {
    // ON CONFLICT keeps two concurrent uploads of the same file from failing on the primary key.
    const [row] = await db
      .insert(attachments)
      .values({ sha256, mimeType, size: bytes.byteLength, bytes, uploadedAt: now })
      .onConflictDoUpdate({ target: attachments.sha256, set: { uploadedAt: sql`excluded.uploaded_at` } })
      .returning({ ...stored, created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error(`attachment ${sha256} was neither inserted nor found`);
    return row;
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM site_keys WHERE id = ${site.id} FOR UPDATE`);
    const [existing] = await tx.update(attachments).set({ uploadedAt: now }).where(eq(attachments.sha256, sha256)).returning(stored);
    if (existing) return { ...existing, created: false };
    const [usage] = await tx
      .select({ used: sql<string>`coalesce(sum(${attachments.size}), 0)` })
      .from(attachments)
      .where(eq(attachments.siteKeyId, site.id));
    const used = Number(usage?.used ?? 0);
    if (used + bytes.byteLength > site.quotaBytes) {
      throw problem('storage_quota_exceeded', {
        detail: "The site's storage for uploads is full; try again later.",
        retryAfter: QUOTA_RETRY_AFTER,
        quotaBytes: site.quotaBytes,
      });
    }
    // Another site may store the same bytes at this moment: theirs then, and this upload just finds them.
    const [row] = await tx
      .insert(attachments)
      .values({ sha256, mimeType, size: bytes.byteLength, bytes, siteKeyId: site.id, uploadedAt: now })
      .onConflictDoUpdate({ target: attachments.sha256, set: { uploadedAt: sql`excluded.uploaded_at` } })
      .returning({ ...stored, created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error(`attachment ${sha256} was neither inserted nor found`);
    return row;
  });
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
