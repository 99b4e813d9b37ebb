/** Outbox states that count as "not yet synced" (the badge). Drafts are not records yet. */
export const UNSYNCED_STATES = ['queued', 'sending', 'rejected', 'conflict'] as const;

/** Outbox meta keys the extension keeps beside the engine's entries. */
export const META = {
  /** Where the changes feed stopped. */
  changesCursor: 'changesCursor',
  /** The latest RecordChange of each of the staff member's records, by record id. */
  statuses: 'statuses',
  /** A record to merge into once this one is synced ("link as another requester"). */
  link: (id: string) => `link:${id}`,
  /** The record this one was merged into. */
  linked: (id: string) => `linked:${id}`,
} as const;
