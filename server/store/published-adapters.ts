import { asc, eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Db } from '../db/open';
import { adapterPublications, publishedAdapters } from '../db/schema';
import { AdapterDefinition } from '../../shared/schemas/adapter';
import type { PublishedAdapterView } from '../../shared/schemas/adapter';

/** Who publishes or withdraws (the signed-in admin). */
export interface PublishActor {
  id: string;
  label: string;
}

/** Published definitions, oldest first; a stored one the schema no longer accepts is left out, never served. */
export async function listPublishedAdapters(db: Db): Promise<Array<PublishedAdapterView & { definition: AdapterDefinition }>> {
  const rows = await db.select().from(publishedAdapters).orderBy(asc(publishedAdapters.publishedAt), asc(publishedAdapters.id));
  return rows.flatMap((row) => {
    const parsed = z.safeParse(AdapterDefinition, row.definition);
    if (!parsed.success) return [];
    return [{ id: row.id, version: parsed.data.version, publishedAt: row.publishedAt.toISOString(), definition: parsed.data }];
  });
}

/** Add or replace one published definition and log it, in one transaction; true when it replaced one. */
export async function publishAdapter(db: Db, definition: AdapterDefinition, actor: PublishActor, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ id: publishedAdapters.id }).from(publishedAdapters).where(eq(publishedAdapters.id, definition.id));
    await tx
      .insert(publishedAdapters)
      .values({ id: definition.id, definition, publishedBy: actor.id, publishedAt: at })
      .onConflictDoUpdate({ target: publishedAdapters.id, set: { definition, publishedBy: actor.id, publishedAt: at } });
    await tx.insert(adapterPublications).values({ adapterId: definition.id, action: 'publish', actorId: actor.id, actorLabel: actor.label, at, definition });
    return !!before;
  });
}

/** Withdraw one published definition and log it; false when none had that id. */
export async function withdrawAdapter(db: Db, id: string, actor: PublishActor, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(publishedAdapters).where(eq(publishedAdapters.id, id)).returning({ id: publishedAdapters.id });
    if (!removed.length) return false;
    await tx.insert(adapterPublications).values({ adapterId: id, action: 'withdraw', actorId: actor.id, actorLabel: actor.label, at, definition: null });
    return true;
  });
}
