/** The browser-side outbox and sync engine shared by widget and extension. */
export type { OutboxEntry, OutboxKind, OutboxState, SendOutcome, Transport } from './types';
export { openOutbox, applyOutcome, OUTBOX_DB_VERSION } from './outbox';
export type { Outbox, OutboxChange, OutboxFilter, OutboxOptions } from './outbox';
export { createSyncEngine } from './engine';
export type { FlushReport, LockManagerLike, StartOptions, SyncEngine, SyncEngineOptions } from './engine';
export { batchTransport, singleTransport, fetchChanges, parseRetryAfter } from './http';
export type { BatchTransportOptions, FetchChangesOptions, HeadersSource, HttpError, HttpOptions, SingleTransportOptions } from './http';
export { backoffDelay, backoffCeiling, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './backoff';
