import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';
import { canonicalJson } from './canonical-hash';
import type { Campaign } from '../../shared/schemas/survey';

/** What storing a new document with a client-chosen id came to (the id is the idempotency key). */
export type InsertOutcome<T> =
  | { status: 'created'; doc: T }
  /** The same id was stored before with the same content: a retry. */
  | { status: 'duplicate'; doc: T }
  /** The same id holds different content; nothing was changed. */
  | { status: 'conflict'; doc: T };

/** Whether two documents hold the same content, whatever their key order. */
export const sameDoc = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Store a new campaign; a second insert of its id answers duplicate or conflict instead of failing. */
export async function insertCampaign(db: Db, campaign: Campaign, now: Date): Promise<InsertOutcome<Campaign>> {
  const [row] = await db
    .insert(campaigns)
    .values({ id: campaign.id, active: campaign.active, doc: campaign, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: campaigns.id })
    .returning({ id: campaigns.id });
  if (row) return { status: 'created', doc: campaign };
  const existing = (await getCampaign(db, campaign.id)) as Campaign;
  return { status: sameDoc(existing, campaign) ? 'duplicate' : 'conflict', doc: existing };
}

/** One campaign by id. */
export async function getCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  const [row] = await db.select({ doc: campaigns.doc }).from(campaigns).where(eq(campaigns.id, id));
  return row?.doc as Campaign | undefined;
}

/** Campaigns, newest first, optionally only active or only inactive ones. */
export async function listCampaigns(db: Db, filter: { active?: boolean } = {}): Promise<Campaign[]> {
  const where: SQL[] = [];
  if (filter.active !== undefined) where.push(eq(campaigns.active, filter.active));
  const rows = await db
    .select({ doc: campaigns.doc })
    .from(campaigns)
    .where(and(...where))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  return rows.map((r) => r.doc as Campaign);
}

/** Replace a campaign's document (the `active` column follows it); undefined when there is no such campaign. */
export async function saveCampaign(db: Db, campaign: Campaign, now: Date): Promise<Campaign | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ doc: campaign, active: campaign.active, updatedAt: now })
    .where(eq(campaigns.id, campaign.id))
    .returning({ doc: campaigns.doc });
  return row?.doc as Campaign | undefined;
}
