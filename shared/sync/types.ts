import type { ItemError } from '../schemas/sync';

/*
 * The contract of the browser-side outbox and sync engine shared by widget and extension
 * (ARCHITECTURE.md "Sync protocol"). What a person submits is written here BEFORE any network
 * call, and leaves only when the server has acknowledged it.
 */

/** What an entry carries; each kind has its own transport (endpoint) on the client. */
export type OutboxKind = 'record' | 'submission' | 'survey_response' | 'satisfaction';

/**
 * Lifecycle: queued → sending (leased by one tab/worker) → synced | rejected | conflict, or back to
 * queued with a later nextAttemptAt after a transport failure. `draft` entries are never sent.
 */
export type OutboxState = 'draft' | 'queued' | 'sending' | 'synced' | 'rejected' | 'conflict';

/** One thing a person submitted, kept until the server answered for it. */
export interface OutboxEntry<P = unknown> {
  /** The client-made UUID v7: the idempotency key of every send. */
  id: string;
  kind: OutboxKind;
  payload: P;
  state: OutboxState;
  /** Failed transport attempts so far (drives the backoff). */
  attempts: number;
  /** Epoch ms before which the entry is not retried. */
  nextAttemptAt: number;
  /** While `sending`: epoch ms until which one sender holds it; a crashed sender's lease expires. */
  leaseUntil?: number;
  createdAt: number;
  updatedAt: number;
  /** Why it was rejected, or the last transport error (network_error, timeout, rate_limited…). */
  error?: ItemError;
  /** What the server answered on success. */
  result?: { recordNumber?: string; version?: number };
  /** Server's current version on a conflict, shown beside the local one. */
  serverCopy?: unknown;
  /** Keys of blobs (screenshots) in the outbox's blob store that must be uploaded first. */
  blobKeys?: string[];
}

/** The server's answer for one entry, as a transport reports it to the engine. */
export type SendOutcome =
  | { id: string; status: 'accepted' | 'duplicate'; recordNumber?: string; version?: number }
  | { id: string; status: 'rejected'; error: ItemError }
  | { id: string; status: 'conflict'; error: ItemError; serverCopy?: unknown }
  /** Not answered (offline, 5xx, 429, timeout): keep it and try again later. */
  | { id: string; status: 'retry'; error: ItemError; retryAfterMs?: number };

/** Sends a batch of entries of one kind; must never throw for transport errors (answer `retry`). */
export type Transport<P = unknown> = (entries: OutboxEntry<P>[]) => Promise<SendOutcome[]>;
