-- The queue's due-date sort pages by (due_at, id): the old one-column index left every page to sort its ties.
DROP INDEX IF EXISTS "records_due_idx";--> statement-breakpoint
CREATE INDEX "records_due_idx" ON "records" USING btree ("due_at","id");
