import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { siteKeys } from '../db/schema';
import { newSecret } from '../auth/secrets';

/** A widget site key as admins see it (without the identity secret). */
export interface SiteKeyInfo {
  id: string;
  key: string;
  name: string;
  department: string;
  allowedOrigins: string[];
  allowedQueryKeys: string[];
  ratePerMinute: number;
  active: boolean;
  createdAt: Date;
}

/** What the public routes need to accept a widget request: origins, rate and the identity secret. */
export interface ActiveSiteKey extends Omit<SiteKeyInfo, 'active' | 'createdAt'> {
  /** HMAC secret that host-signed user identities are checked with; never sent to browsers. */
  identitySecret: string;
}

const infoColumns = {
  id: siteKeys.id,
  key: siteKeys.key,
  name: siteKeys.name,
  department: siteKeys.department,
  allowedOrigins: siteKeys.allowedOrigins,
  allowedQueryKeys: siteKeys.allowedQueryKeys,
  ratePerMinute: siteKeys.ratePerMinute,
  active: siteKeys.active,
  createdAt: siteKeys.createdAt,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const newPublicKey = () => newSecret('ebx_pk', 18);
const newIdentitySecret = () => newSecret('ebx_is', 32);
/** The same origin or key twice would only make the list longer; order is kept for display. */
const dedupe = (values: readonly string[]) => [...new Set(values)];

/** Create a site key; the identity secret is returned here and by rotation only. */
export async function createSiteKey(
  db: Db,
  input: { name: string; department: string; allowedOrigins: readonly string[]; allowedQueryKeys?: readonly string[]; ratePerMinute?: number },
): Promise<{ siteKey: SiteKeyInfo; identitySecret: string }> {
  const identitySecret = newIdentitySecret();
  const [row] = await db
    .insert(siteKeys)
    .values({
      id: uuidv7(),
      key: newPublicKey(),
      name: input.name,
      department: input.department,
      allowedOrigins: dedupe(input.allowedOrigins),
      ...(input.allowedQueryKeys ? { allowedQueryKeys: dedupe(input.allowedQueryKeys) } : {}),
      identitySecret,
      ...(input.ratePerMinute === undefined ? {} : { ratePerMinute: input.ratePerMinute }),
    })
    .returning(infoColumns);
  invalidate(db);
  return { siteKey: row as SiteKeyInfo, identitySecret };
}

/** All site keys, oldest first. */
export async function listSiteKeys(db: Db): Promise<SiteKeyInfo[]> {
  return db.select(infoColumns).from(siteKeys).orderBy(asc(siteKeys.createdAt), asc(siteKeys.id));
}

/** One site key by id (a UUID) or by its public key, active or not. */
export async function findSiteKey(db: Db, idOrKey: string): Promise<SiteKeyInfo | undefined> {
  const where = UUID.test(idOrKey) ? eq(siteKeys.id, idOrKey.toLowerCase()) : eq(siteKeys.key, idOrKey);
  const [row] = await db.select(infoColumns).from(siteKeys).where(where);
  return row;
}

/** Change name, department, origins or query keys (replacing the list), rate or active state; undefined when no such key. */
export async function updateSiteKey(
  db: Db,
  id: string,
  patch: { name?: string; department?: string; allowedOrigins?: readonly string[]; allowedQueryKeys?: readonly string[]; ratePerMinute?: number; active?: boolean },
): Promise<SiteKeyInfo | undefined> {
  const { allowedOrigins, allowedQueryKeys, ...rest } = patch;
  const values: Partial<typeof siteKeys.$inferInsert> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  if (allowedOrigins) values.allowedOrigins = dedupe(allowedOrigins);
  if (allowedQueryKeys) values.allowedQueryKeys = dedupe(allowedQueryKeys);
  if (Object.keys(values).length === 0) return findSiteKey(db, id);
  const [row] = await db.update(siteKeys).set(values).where(eq(siteKeys.id, id)).returning(infoColumns);
  invalidate(db);
  return row;
}

/** Replace the identity secret (identities signed with the old one stop verifying at once). */
export async function rotateIdentitySecret(
  db: Db,
  id: string,
): Promise<{ siteKey: SiteKeyInfo; identitySecret: string } | undefined> {
  const identitySecret = newIdentitySecret();
  const [row] = await db.update(siteKeys).set({ identitySecret }).where(eq(siteKeys.id, id)).returning(infoColumns);
  invalidate(db);
  return row ? { siteKey: row, identitySecret } : undefined;
}

/**
 * Widget requests look their key up on every call; a few seconds of memory spare the database that
 * query. Changes made through this module clear it at once; another server instance sees a change
 * (deactivation, new origins) within SITE_KEY_CACHE_MS.
 */
export const SITE_KEY_CACHE_MS = 5_000;
const MAX_CACHED_KEYS = 1_000;
const cache = new WeakMap<Db, Map<string, { row: ActiveSiteKey | undefined; at: number }>>();

/** Forget cached lookups after a change. */
function invalidate(db: Db): void {
  cache.get(db)?.clear();
}

/** The active site key with this public key, for the widget's public routes; undefined when unknown or inactive. */
export async function findActiveSiteKey(db: Db, key: string, now = Date.now()): Promise<ActiveSiteKey | undefined> {
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && now - hit.at < SITE_KEY_CACHE_MS) return hit.row;
  const [row] = await db
    .select({
      id: siteKeys.id,
      key: siteKeys.key,
      name: siteKeys.name,
      department: siteKeys.department,
      allowedOrigins: siteKeys.allowedOrigins,
      allowedQueryKeys: siteKeys.allowedQueryKeys,
      ratePerMinute: siteKeys.ratePerMinute,
      identitySecret: siteKeys.identitySecret,
    })
    .from(siteKeys)
    .where(and(eq(siteKeys.key, key), eq(siteKeys.active, true)));
  if (byKey.size >= MAX_CACHED_KEYS) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, { row, at: now });
  return row;
}
