import type { CreateItem, CreateResult } from '../store/create-records';
import type { BatchEnvelope, ItemResult } from '../../shared/schemas/sync';

/** What preparing one raw batch item gives: something to store, or its answer right away. */
export type Prepared = { store: CreateItem } | { answer: ItemResult };

/**
 * Answer a batch item by item (ARCHITECTURE.md sync protocol): each raw item is prepared on its own
 * (parsed, checked) and either answered at once (rejected, or a bot's fake success) or stored
 * together with the others in one write; the answers come back in the request's order.
 */
export async function answerBatch(
  items: BatchEnvelope['items'],
  prepare: (raw: BatchEnvelope['items'][number]) => Prepared,
  store: (items: CreateItem[]) => Promise<CreateResult[]>,
): Promise<ItemResult[]> {
  const prepared = items.map(prepare);
  const toStore = prepared.flatMap((p) => ('store' in p ? [p.store] : []));
  const stored = (await store(toStore)).values();
  return prepared.map((p) => ('answer' in p ? p.answer : (stored.next().value as ItemResult)));
}
