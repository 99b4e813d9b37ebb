-- A record's row is a little over 2 KB (document, search words, columns), just past the size at
-- which PostgreSQL starts to TOAST a row: each insert then tried to compress the document, failed
-- to gain enough, and moved it into the TOAST table (a second insert, and a second lookup on every
-- read). Rows up to a page are kept whole instead.
ALTER TABLE "records" SET (toast_tuple_target = 8160);
--> statement-breakpoint
ALTER TABLE "audit_entries" SET (toast_tuple_target = 8160);
--> statement-breakpoint
-- New search words wait in the GIN index's pending list until it is merged into the index. At the
-- default 4 MB every search scans a long list, and the write that fills it merges it all at once,
-- stalling the writes queued behind it; 256 kB keeps both short.
ALTER INDEX "records_search_idx" SET (gin_pending_list_limit = 256);
