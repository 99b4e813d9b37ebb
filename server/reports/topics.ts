import { and, desc, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { records } from '../db/schema';
import { createdIn, recordScope, type PanelScope } from './dashboard';
import { requesterCounts } from '../store/records';
import { fingerprint } from '../../shared/domain/similarity';
import { groupBySimilarity } from '../../shared/domain/topic-groups';
import { MAX_TOPIC_IDS, type TopicsPanel } from '../../shared/schemas/dashboard-topics';

/** How many of the range's newest records are grouped: the grouping is in memory, so it stays bounded at 100k records. */
export const TOPIC_WINDOW = 2000;
/** Topics the panel lists. */
export const TOPICS_SHOWN = 10;
/** Characters of the leading record's problem shown. */
const EXCERPT = 140;

/**
 * Most-asked topics: the range's unmerged records (newest TOPIC_WINDOW) grouped by the shared
 * similarity over the text their need is said in (problem, scenario, expected solution, as the
 * duplicate search reads it), each group's "asked by" the sum of its records' requesters after merges.
 */
export async function topicsPanel(db: Db, s: PanelScope): Promise<TopicsPanel> {
  const rows = await db
    .select({
      id: records.id,
      recordNumber: records.recordNumber,
      problem: sql<string>`${records.doc}->>'problem'`,
      need: sql<string>`concat_ws(E'\n', ${records.doc}->>'problem', ${records.doc}->>'scenario', ${records.doc}->>'expectedSolution')`,
    })
    .from(records)
    .where(and(recordScope(s), createdIn(s)))
    .orderBy(desc(records.createdAt), desc(records.id))
    .limit(TOPIC_WINDOW + 1);
  const truncated = rows.length > TOPIC_WINDOW;
  const window = rows.slice(0, TOPIC_WINDOW);
  const asked = await requesterCounts(db, window.map((r) => r.id));
  const groups = groupBySimilarity(window.map((r) => ({ item: r, fingerprint: fingerprint(r.need), askedBy: asked.get(r.id) ?? 1 })));
  return {
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    now: s.now.toISOString(),
    grouped: window.length,
    truncated,
    topics: groups.slice(0, TOPICS_SHOWN).map((g) => {
      const leader = g.items[0]!;
      return {
        leader: { id: leader.id, recordNumber: leader.recordNumber, problem: leader.problem.slice(0, EXCERPT) },
        records: g.items.length,
        askedBy: g.askedBy,
        ids: g.items.slice(0, MAX_TOPIC_IDS).map((r) => r.id),
      };
    }),
  };
}
