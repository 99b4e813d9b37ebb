import { storage } from 'wxt/utils/storage';
import type { AdapterCatalog, AdapterDefinition } from '../../shared/schemas/adapter';
import type { ItemError } from '../../shared/schemas/sync';
import type { FailedClip } from '../records/failed-clip';
import { DEFAULT_OPTIONS, migrateOptionsV1, type ExtensionOptions, type OptionsV1, type StaffIdentity } from './extension-options';

/*
 * Every value the extension keeps in browser.storage, each with a version so a later release can
 * migrate it (WXT runs the migrations when the item is defined, i.e. on startup of each context).
 * Records, drafts and screenshots live in IndexedDB (the shared outbox), not here.
 */

/** The staff member's options; v2 grouped the record defaults (see migrateOptionsV1). */
export const optionsItem = storage.defineItem<ExtensionOptions>('local:options', {
  fallback: DEFAULT_OPTIONS,
  version: 2,
  migrations: { 2: (old: OptionsV1) => migrateOptionsV1(old) },
});

/** The draft the side panel shows: an outbox entry id in state `draft`, or null. */
export const activeDraftItem = storage.defineItem<string | null>('local:activeDraft', { fallback: null, version: 1 });

/** The server's adapter catalog and its ETag, fetched and cached so adapters update without a release. */
export interface AdapterCache {
  catalog: AdapterCatalog;
  etag: string | null;
  fetchedAt: string;
}

/** Cached adapter definitions (null until the first successful fetch: the built-in ones apply). */
export const adapterCacheItem = storage.defineItem<AdapterCache | null>('local:adapterCache', { fallback: null, version: 1 });

/**
 * Definitions the agent taught on this device ("Teach this page"), newest first; used for their
 * clips at once, before the server's catalog, until an admin publishes one (same id) for everyone.
 */
export const taughtAdaptersItem = storage.defineItem<AdapterDefinition[]>('local:taughtAdapters', { fallback: [], version: 1 });

/** Who the API token belongs to, as the last connection check answered. */
export const identityItem = storage.defineItem<StaffIdentity | null>('local:identity', { fallback: null, version: 1 });

/** The last sync attempt, shown in the panel ("last attempt: could not reach the server"). */
export interface SyncStatus {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: ItemError | null;
}

/** Outcome of the latest sync attempts. */
export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: { lastAttemptAt: null, lastSuccessAt: null, lastError: null },
  version: 1,
});

/** Toolbar, shortcut and menu clips that gave no draft, newest first, until retried or dismissed. */
export const failedClipsItem = storage.defineItem<FailedClip[]>('local:failedClips', { fallback: [], version: 1 });
