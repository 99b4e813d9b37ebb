/** Outbox states that count as "not yet synced" (the badge). Drafts are not records yet. */
export const UNSYNCED_STATES = ['queued', 'sending', 'rejected', 'conflict'] as const;

/** Outbox meta keys the extension keeps beside the engine's entries. */
export const META = {
  /** Where the changes feed stopped. */
  changesCursor: 'changesCursor',
  /** The latest RecordChange of each of the staff member's records, by record id. */
  statuses: 'statuses',
} as const;
