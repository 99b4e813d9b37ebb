import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

/** How long an upload no record names is kept after its last upload. */
export const UNREFERENCED_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** Arbitrary but fixed key: one process sweeps at a time, the others skip their turn. */
const SWEEP_LOCK = 4_242_018;

/**
 * Delete attachments that no record names and that nobody uploaded for `maxAgeMs` (default 24 h);
 * returns how many went. Clients upload a record's files again on every send, right before the
 * record, so a file still wanted is never that old. Safe with several processes: whoever holds the
 * sweep lock sweeps, a concurrent call returns 0 at once. Deletes in batches so no single
 * statement holds many rows.
 */
export async function sweepUnreferencedUploads(
  db: Db,
  options: { now: Date; maxAgeMs?: number; batchSize?: number },
): Promise<number> {
  const cutoff = new Date(options.now.getTime() - (options.maxAgeMs ?? UNREFERENCED_UPLOAD_TTL_MS));
  const batchSize = options.batchSize ?? 500;
  let total = 0;
  for (;;) {
    const deleted = await db.transaction(async (tx) => {
      const locked = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)) as unknown as {
        rows: Array<{ ok: boolean }>;
      };
      if (!locked.rows[0]?.ok) return 0;
      const result = (await tx.execute(sql`
        DELETE FROM attachments WHERE sha256 IN (
          SELECT a.sha256 FROM attachments a
          WHERE a.uploaded_at < ${cutoff.toISOString()}::timestamptz
            AND NOT EXISTS (
              SELECT 1 FROM records r
              WHERE (r.doc->'attachments') <> '[]'::jsonb
                AND (r.doc->'attachments') @> jsonb_build_array(jsonb_build_object('sha256', a.sha256))
            )
          LIMIT ${batchSize}
        )
        RETURNING sha256`)) as unknown as { rows: unknown[] };
      return result.rows.length;
    });
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
