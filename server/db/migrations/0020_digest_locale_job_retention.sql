-- The language a staff member is written to in (daily digest, change-request decisions); null: the
-- server's ECHOBOX_NOTIFY_LOCALE.
ALTER TABLE "users" ADD COLUMN "locale" text;
--> statement-breakpoint
-- Finished jobs are purged after a retention (server/jobs/purge.ts): found by when they finished.
CREATE INDEX "jobs_done_idx" ON "jobs" USING btree ("finished_at") WHERE "jobs"."state" = 'done';
