import { createHmac } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { serverSecrets, statusLinks } from '../db/schema';
import { safeEqual } from '../auth/secrets';

/*
 * Status-page links (DOMAIN.md §13): `/status/<id>.<expiry>.<signature>`, the signature an HMAC of id
 * and expiry under the database's `status_link` secret (migration 0014), so every process on one
 * PostgreSQL checks them alike. The row behind the id lets a link be revoked before it expires.
 */

const secrets = new WeakMap<Db, Promise<string>>();

function linkSecret(db: Db): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = db
      .select({ value: serverSecrets.value })
      .from(serverSecrets)
      .where(eq(serverSecrets.name, 'status_link'))
      .then(([row]) => {
        if (!row) throw new Error('server_secrets has no status_link: the database is not migrated');
        return row.value;
      });
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

const sign = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

/** Issue a link to a record's status page, valid for `days`; returns the token for the URL. */
export async function issueStatusLink(db: Db, recordId: string, now: Date, days: number): Promise<string> {
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await db.insert(statusLinks).values({ id, recordId, expiresAt, createdAt: now });
  const payload = `${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(await linkSecret(db), payload)}`;
}

/** Why a token does not open a status page; the page says the same to all of them. */
export type LinkRefusal = 'malformed' | 'tampered' | 'expired' | 'revoked';

/** The record a token opens, or why it does not. */
export async function verifyStatusLink(
  db: Db,
  token: string,
  now: Date,
): Promise<{ ok: true; recordId: string } | { ok: false; reason: LinkRefusal }> {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, id, exp, signature] = match as unknown as [string, string, string, string];
  if (!safeEqual(sign(await linkSecret(db), `${id}.${exp}`), signature)) return { ok: false, reason: 'tampered' };
  if (Number(exp) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  const [row] = await db.select().from(statusLinks).where(eq(statusLinks.id, id));
  if (!row || row.revokedAt !== null) return { ok: false, reason: 'revoked' };
  return { ok: true, recordId: row.recordId };
}

/** Revoke every open link to a record's status page; returns how many. */
export async function revokeStatusLinks(db: Pick<Db, 'update'>, recordId: string, now: Date): Promise<number> {
  const rows = await db
    .update(statusLinks)
    .set({ revokedAt: now })
    .where(and(eq(statusLinks.recordId, recordId), isNull(statusLinks.revokedAt)))
    .returning({ id: statusLinks.id });
  return rows.length;
}
