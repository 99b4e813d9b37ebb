import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../db/open';
import { savedViews } from '../db/schema';
import type { SavedView, SavedViewQuery } from '../../shared/schemas/saved-view';

type Row = typeof savedViews.$inferSelect;

const toView = (row: Row): SavedView => ({
  id: row.id,
  name: row.name,
  shared: row.shared,
  ownerId: row.ownerId,
  query: row.query as SavedViewQuery,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The views `ownerId` may read: the shared ones first, then their own personal ones, each by name. */
export async function listViews(db: Db, ownerId: string): Promise<SavedView[]> {
  const rows = await db
    .select()
    .from(savedViews)
    .where(or(eq(savedViews.shared, true), eq(savedViews.ownerId, ownerId)))
    .orderBy(desc(savedViews.shared), asc(savedViews.name), asc(savedViews.id));
  return rows.map(toView);
}

/** One view by id, whoever may read it. */
export async function getView(db: Db, id: string): Promise<SavedView | undefined> {
  const [row] = await db.select().from(savedViews).where(eq(savedViews.id, id));
  return row && toView(row);
}

/** Store a new view at version 1. */
export async function insertView(db: Db, view: { id: string; ownerId: string; name: string; shared: boolean; query: SavedViewQuery }, now: Date): Promise<SavedView> {
  const [row] = await db.insert(savedViews).values({ ...view, version: 1, createdAt: now, updatedAt: now }).returning();
  return toView(row!);
}

/** Replace fields of the view if it is still at `version`; undefined when another change came first. */
export async function updateView(
  db: Db,
  id: string,
  version: number,
  change: { name?: string; shared?: boolean; query?: SavedViewQuery },
  now: Date,
): Promise<SavedView | undefined> {
  const [row] = await db
    .update(savedViews)
    .set({ ...change, version: version + 1, updatedAt: now })
    .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
    .returning();
  return row && toView(row);
}

/** Delete the view if it is still at `version`; whether it was. */
export async function deleteView(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.version, version))).returning({ id: savedViews.id });
  return rows.length > 0;
}
