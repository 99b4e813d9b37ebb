import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { auditEntries, contactVault } from '../db/schema';
import { lookupHash, open, seal } from './cipher';
import type { ContactKeyRing } from './key-ring';
import { normaliseEmail, normalisePhone } from '../../shared/domain/contact-lookup';
import { ContactDetails, type CustomerLookup } from '../../shared/schemas/contact';
import type { Locale } from '../../shared/schemas/common';
import * as z from 'zod/mini';

/** Who acted, for the audit trail. */
export interface VaultActor {
  id: string | null;
  label: string;
}

/** One record's contact as opened from the vault. */
export interface OpenedContact {
  recordId: string;
  contact: ContactDetails;
  locale: Locale;
  storedAt: Date;
}

const hashes = (ring: ContactKeyRing, keyId: string, contact: ContactDetails) => {
  const email = contact.email === undefined ? null : normaliseEmail(contact.email);
  const phone = contact.phone === undefined ? null : normalisePhone(contact.phone);
  return {
    emailHash: email?.ok ? lookupHash(ring, keyId, 'email', email.value) : null,
    phoneHash: phone?.ok ? lookupHash(ring, keyId, 'phone', phone.value) : null,
  };
};

/** An audit entry on a record that says who did what with its contact, never the contact itself. */
export async function auditContact(db: Pick<Db, 'insert'>, recordId: string, action: string, actor: VaultActor, at: Date) {
  await db.insert(auditEntries).values({ recordId, actorId: actor.id, actorLabel: actor.label, action, at, before: null, after: null });
}

/** A contact sealed for one record, ready to be stored (no plaintext left in it). */
export interface SealedContact {
  keyId: string;
  sealed: string;
  emailHash: string | null;
  phoneHash: string | null;
  locale: Locale;
}

/** Seal a record's contact under the active key, with its look-up hashes. */
export function sealContact(ring: ContactKeyRing, recordId: string, contact: ContactDetails, locale: Locale): SealedContact {
  const { keyId, sealed } = seal(ring, recordId, JSON.stringify(contact));
  return { keyId, sealed, ...hashes(ring, keyId, contact), locale };
}

/**
 * Store sealed contacts of records created in `tx` and audit each (`contact:store`): called inside
 * the transaction that stores the records, so a record and its consented contact exist together.
 */
export async function insertSealedContacts(
  tx: Pick<Db, 'insert'>,
  rows: readonly { recordId: string; sealed: SealedContact; actor: VaultActor; at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(contactVault).values(rows.map((r) => ({ recordId: r.recordId, ...r.sealed, createdAt: r.at, updatedAt: r.at })));
  await tx
    .insert(auditEntries)
    .values(rows.map((r) => ({ recordId: r.recordId, actorId: r.actor.id, actorLabel: r.actor.label, action: 'contact:store', at: r.at, before: null, after: null })));
}

/** Seal and store (or replace) a record's contact, with its look-up hashes, and audit it. */
export async function putContact(
  db: Db,
  ring: ContactKeyRing,
  input: { recordId: string; contact: ContactDetails; locale: Locale; actor: VaultActor; now: Date },
): Promise<void> {
  const row = { ...sealContact(ring, input.recordId, input.contact, input.locale), updatedAt: input.now };
  await db.transaction(async (tx) => {
    await tx
      .insert(contactVault)
      .values({ recordId: input.recordId, createdAt: input.now, ...row })
      .onConflictDoUpdate({ target: contactVault.recordId, set: row });
    await auditContact(tx, input.recordId, 'contact:store', input.actor, input.now);
  });
}

type VaultRow = typeof contactVault.$inferSelect;

const opened = (ring: ContactKeyRing, row: VaultRow): OpenedContact => ({
  recordId: row.recordId,
  contact: z.parse(ContactDetails, JSON.parse(open(ring, row.keyId, row.recordId, row.sealed))),
  locale: row.locale as Locale,
  storedAt: row.updatedAt,
});

/** Open a record's contact without auditing: for sending the customer's own messages only. */
export async function contactForDelivery(db: Db, ring: ContactKeyRing, recordId: string): Promise<OpenedContact | undefined> {
  const [row] = await db.select().from(contactVault).where(eq(contactVault.recordId, recordId));
  return row ? opened(ring, row) : undefined;
}

/** Open a record's contact for a person, writing who read it and when into the record's audit trail. */
export async function readContact(
  db: Db,
  ring: ContactKeyRing,
  recordId: string,
  actor: VaultActor,
  now: Date,
): Promise<OpenedContact | undefined> {
  const found = await contactForDelivery(db, ring, recordId);
  if (found) await auditContact(db, recordId, 'contact:read', actor, now);
  return found;
}

/** Whether a record has a contact in the vault, and its language (no decryption, no audit). */
export async function vaultEntry(db: Db, recordId: string): Promise<{ locale: Locale; hasEmail: boolean } | undefined> {
  const [row] = await db
    .select({ locale: contactVault.locale, emailHash: contactVault.emailHash })
    .from(contactVault)
    .where(eq(contactVault.recordId, recordId));
  return row ? { locale: row.locale as Locale, hasEmail: row.emailHash !== null } : undefined;
}

/** The key ids the vault's rows are sealed with (a start without them refuses). */
export async function storedKeyIds(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ keyId: contactVault.keyId }).from(contactVault);
  return rows.map((r) => r.keyId);
}

/** Every record whose stored contact has the customer's e-mail or phone (under any key of the ring). */
export async function findByCustomer(db: Db, ring: ContactKeyRing, lookup: CustomerLookup): Promise<OpenedContact[]> {
  const ids = [...ring.keys.keys()];
  const email = lookup.email === undefined ? null : normaliseEmail(lookup.email);
  const phone = lookup.phone === undefined ? null : normalisePhone(lookup.phone);
  const conditions = [
    ...(email?.ok ? [inArray(contactVault.emailHash, ids.map((id) => lookupHash(ring, id, 'email', email.value)))] : []),
    ...(phone?.ok ? [inArray(contactVault.phoneHash, ids.map((id) => lookupHash(ring, id, 'phone', phone.value)))] : []),
  ];
  if (conditions.length === 0) return [];
  const rows = await db.select().from(contactVault).where(or(...conditions));
  return rows.map((row) => opened(ring, row));
}

/** Delete the stored contacts of these records. */
export async function deleteContacts(db: Pick<Db, 'delete'>, recordIds: readonly string[]): Promise<void> {
  if (recordIds.length > 0) await db.delete(contactVault).where(inArray(contactVault.recordId, [...recordIds]));
}

/** Re-seal every row not under the active key (and its hashes), in batches; returns how many. */
export async function resealContacts(db: Db, ring: ContactKeyRing, now: Date, batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(contactVault)
        .where(ne(contactVault.keyId, ring.activeId))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const { contact } = opened(ring, row);
        const { keyId, sealed } = seal(ring, row.recordId, JSON.stringify(contact));
        await tx
          .update(contactVault)
          .set({ keyId, sealed, ...hashes(ring, keyId, contact), updatedAt: now })
          .where(and(eq(contactVault.recordId, row.recordId), eq(contactVault.keyId, row.keyId)));
      }
      return rows.length;
    });
    total += done;
    if (done < batch) return total;
  }
}

/** Rows left under keys other than the active one (after a rotation: 0). */
export async function rowsUnderOldKeys(db: Db, ring: ContactKeyRing): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contactVault).where(ne(contactVault.keyId, ring.activeId));
  return row?.n ?? 0;
}
