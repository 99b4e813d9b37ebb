import { computed, createModel, signal } from '@preact/signals';
import type { ApiClient } from '../api/client';
import type { QueueFilter } from './queue';
import { maySharedViews } from '../../shared/domain/saved-view';
import type { Role } from '../../shared/schemas/enums';
import type { SavedView, SavedViewQuery } from '../../shared/schemas/saved-view';

/** The queue's filters and search as a saved view's query (empty values left out). */
export const viewQuery = (filters: Partial<Record<QueueFilter, string>>, search: string): SavedViewQuery => {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
  if (search.trim()) query.q = search.trim();
  return query as SavedViewQuery;
};

/**
 * The saved views a person may use (shared first, then their own), which one is active, and saving,
 * renaming and deleting with the version each was read at. `editable` follows shared/domain's rule.
 */
export const SavedViews = createModel((api: ApiClient, viewer: { id: string; role: Role }) => {
  const items = signal<SavedView[]>([]);
  const activeId = signal<string | null>(null);
  const error = signal<string | null>(null);
  const active = computed(() => items.value.find((v) => v.id === activeId.value) ?? null);
  const shared = computed(() => items.value.filter((v) => v.shared));
  const personal = computed(() => items.value.filter((v) => !v.shared));
  const canShare = computed(() => maySharedViews(viewer.role));
  const editable = (view: SavedView) => (view.shared ? canShare.peek() : view.ownerId === viewer.id);

  const load = async () => {
    const result = await api.views();
    if (result.ok) items.value = result.value.items;
  };

  const settle = async <T>(result: { ok: true; value: T } | { ok: false; failure: { code: string } }): Promise<T | null> => {
    if (!result.ok) {
      error.value = result.failure.code;
      return null;
    }
    error.value = null;
    await load();
    return result.value;
  };

  /** Save the queue's current query under `name`; it becomes the active view. */
  const save = async (name: string, isShared: boolean, query: SavedViewQuery) => {
    const saved = await settle(await api.createView({ name, shared: isShared && canShare.peek(), query }));
    if (saved) activeId.value = saved.view.id;
    return saved?.view ?? null;
  };

  const rename = async (view: SavedView, name: string) => (await settle(await api.updateView(view.id, view.version, { name })))?.view ?? null;

  const remove = async (view: SavedView) => {
    const done = await settle(await api.deleteView(view.id, view.version));
    if (done !== null && activeId.peek() === view.id) activeId.value = null;
  };

  return { items, activeId, active, shared, personal, error, canShare, editable, load, save, rename, remove };
});

/** An instance of SavedViews. */
export type SavedViews = InstanceType<typeof SavedViews>;
