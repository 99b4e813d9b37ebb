DROP INDEX "records_reporter_idx";--> statement-breakpoint
DROP INDEX "records_creator_change_idx";--> statement-breakpoint
DROP INDEX "records_change_idx";--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "records_reporter_idx" ON "records" USING btree ("reporter_key","change_xid","id");--> statement-breakpoint
CREATE INDEX "records_creator_change_idx" ON "records" USING btree ("created_by","change_xid","id");--> statement-breakpoint
CREATE INDEX "records_change_idx" ON "records" USING btree ("change_xid","id");