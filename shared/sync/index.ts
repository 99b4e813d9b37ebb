/** The browser-side outbox and sync engine shared by widget and extension. */
export type { OutboxEntry, OutboxKind, OutboxState, SendOutcome, Transport } from './types';
export { openOutbox, applyOutcome, OUTBOX_DB_VERSION } from './outbox';
export type { Outbox, OutboxChange, OutboxFilter, OutboxOptions } from './outbox';
export { createSyncEngine } from './engine';
export type { FlushReport, LockManagerLike, StartOptions, SyncEngine, SyncEngineOptions } from './engine';
export { batchTransport, singleTransport, fetchChanges, parseRetryAfter } from './http';
export type { BatchTransportOptions, FetchChangesOptions, HeadersSource, HttpOptions, SingleTransportOptions } from './http';
export { isConflict, isHttpFailure, isLocalFailure, isMalformed, isNetworkFailure, isProblem, isTimeout, localFailure } from './request';
export type { ApiFailure, HttpFailure, LocalFailure, MalformedFailure, NetworkFailure, ProblemFailure, TimeoutFailure } from './request';
export { backoffDelay, backoffCeiling, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './backoff';
