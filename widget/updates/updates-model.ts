import { signal, type Signal } from '../signals';
import { maskText } from '../../shared/domain/masking';
import type { Satisfaction } from '../../shared/schemas/enums';
import type { ChangesPage, RecordChange } from '../../shared/schemas/sync';
import type { SatisfactionBody } from '../../shared/schemas/record-commands';
import { uuidv7 } from '../box/ids';
import { headers, request } from '../box/net';
import { META, type Store } from '../box/store';

/*
 * Closing the loop (DOMAIN.md §8) on the reporter's device: read the changes feed of the
 * reporter's own records, keep what the person has not seen yet in an inbox (meta), and send a
 * satisfaction rating for done records through the outbox like any submission.
 */

/** A rating the person sent on this page, by record id. */
export type Rated = Record<string, Satisfaction>;

/** The inbox of updates and the actions on it. */
export interface UpdatesModel {
  items: Signal<RecordChange[]>;
  rated: Signal<Rated>;
  /** Read new pages of the feed into the inbox; false when the server could not be asked. */
  poll(): Promise<boolean>;
  /** Queue a rating for a done record (written to the outbox before it is sent). */
  rate(recordId: string, rating: Satisfaction, comment: string): Promise<void>;
  /** The person closed the card: forget what was shown, keep unanswered rating requests for next time. */
  dismiss(): Promise<void>;
}

/** Worth telling the reporter: anything past "received", a message from the team, or a rating request. */
export const isNews = (c: RecordChange): boolean => c.status !== 'pending_analysis' || c.lastCommunication !== null || c.satisfactionRequested;

const MAX_PAGES = 10;

/** Build the model over the store; call poll() to fill it. */
export function createUpdatesModel(store: Store, now: () => number): UpdatesModel {
  const { outbox } = store;
  const save = (items: RecordChange[]) => outbox.setMeta(META.inbox, items);
  const m: UpdatesModel = {
    items: signal([]),
    rated: signal({}),

    async poll() {
      const inbox = new Map(((await outbox.getMeta<RecordChange[]>(META.inbox)) ?? []).map((c) => [c.recordId, c]));
      let cursor = await outbox.getMeta<string>(META.cursor);
      let ok = true;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
        const reply = await request<ChangesPage>(`${store.endpoint.api}/api/v1/public/updates${query}`, { headers: headers(store.endpoint, false, true) });
        if (!reply.ok) {
          ok = false;
          break;
        }
        for (const change of reply.body.items ?? []) {
          if (isNews(change)) inbox.set(change.recordId, change);
          else inbox.delete(change.recordId);
        }
        cursor = reply.body.nextCursor;
        await outbox.setMeta(META.cursor, cursor);
        if (!reply.body.hasMore) break;
      }
      m.items.value = [...inbox.values()];
      await save(m.items.value);
      return ok;
    },

    async rate(recordId, rating, comment) {
      const text = comment.trim().slice(0, 10_000);
      const masked = text ? maskText(text) : undefined;
      const body: SatisfactionBody = { rating, ...(masked?.ok && masked.value ? { comment: masked.value } : {}) };
      const at = now();
      await outbox.put({
        id: uuidv7(at),
        kind: 'satisfaction',
        payload: { recordId, body },
        state: 'queued',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      });
      m.rated.value = { ...m.rated.value, [recordId]: rating };
      m.items.value = m.items.value.map((c) => (c.recordId === recordId ? { ...c, satisfactionRequested: false } : c));
      await save(m.items.value);
    },

    async dismiss() {
      m.items.value = m.items.value.filter((c) => c.satisfactionRequested);
      await save(m.items.value);
    },
  };
  return m;
}
