import type { AdapterDefinition } from '../../shared/schemas/adapter';
import type { Reply } from '../messaging/protocol';
import type { AdapterCache } from '../storage/items';
import { fetchAdapterCatalog, type ApiTarget } from './server-api';

/**
 * Built-in definitions overlaid with the server's (same id: the server's wins), server order first;
 * the agent's own taught definitions come before both, so a page they taught reads as they taught it.
 */
export function mergeAdapters(builtin: readonly AdapterDefinition[], cached: AdapterCache | null, taught: readonly AdapterDefinition[] = []): AdapterDefinition[] {
  const served = cached?.catalog.adapters ?? [];
  const out: AdapterDefinition[] = [];
  const ids = new Set<string>();
  for (const adapter of [...taught, ...served, ...builtin]) {
    if (ids.has(adapter.id)) continue;
    ids.add(adapter.id);
    out.push(adapter);
  }
  return out;
}

/** Fetch the server's catalog unless the cached ETag still matches, and keep it. */
export async function refreshAdapters(
  target: ApiTarget,
  cache: { get(): Promise<AdapterCache | null>; set(value: AdapterCache): Promise<void> },
  now: Date = new Date(),
): Promise<Reply<'adapters.refresh'>> {
  const cached = await cache.get();
  const result = await fetchAdapterCatalog(target, cached?.etag ?? null);
  if (!result.ok) return result;
  if (result.value === null) {
    if (cached) await cache.set({ ...cached, fetchedAt: now.toISOString() });
    return { ok: true, value: { version: cached?.catalog.version ?? '', count: cached?.catalog.adapters.length ?? 0, changed: false } };
  }
  await cache.set({ catalog: result.value.catalog, etag: result.value.etag, fetchedAt: now.toISOString() });
  return { ok: true, value: { version: result.value.catalog.version, count: result.value.catalog.adapters.length, changed: true } };
}
