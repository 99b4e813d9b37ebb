-- Dashboard speed (issue 13): a record is about 2 KB on disk (its document and search vector), so
-- every panel that scanned records read the whole table. These indexes carry the few columns the
-- panels group and filter by, so they are answered by index-only scans (a tenth of the pages).
-- Unmerged records by creation, with what the records, backlog, durations and compliance panels read.
CREATE INDEX IF NOT EXISTS "records_dashboard_idx" ON "records" USING btree ("created_at","id","department","status","nature","priority","source","urgency","owner_id","done_working_ms") WHERE "merged_into" IS NULL;--> statement-breakpoint
-- Obligations by due instant, now with the record, the met instant and the working time (compliance,
-- durations, follow-ups and the queue's obligation filters), replacing the (due_at, kind) one.
DROP INDEX IF EXISTS "record_obligations_due_idx";--> statement-breakpoint
CREATE INDEX "record_obligations_due_idx" ON "record_obligations" USING btree ("due_at","kind","record_id","met_at","working_ms");
