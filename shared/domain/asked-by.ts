import type { Record as EchoRecord } from '../schemas/record';
import type { RequesterEntry } from '../schemas/requester-entry';

/*
 * Counting requesters, apart from the link rule so a page that only shows the count (the console's
 * record page) does not bundle the masking the rule needs.
 */

/** The linked requesters that count: every entry not undone, oldest first. */
export const linkedRequesters = (doc: Pick<EchoRecord, 'requesters'>): RequesterEntry[] => (doc.requesters ?? []).filter((e) => !e.undone);

/**
 * "Asked by N" (DOMAIN.md §12): the record's own customer, one per record merged into it, and one per
 * linked requester not undone.
 */
export const askedBy = (doc: Pick<EchoRecord, 'requesters'>, mergedCount: number): number => 1 + mergedCount + linkedRequesters(doc).length;
