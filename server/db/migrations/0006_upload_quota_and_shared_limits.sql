-- Public (site-key) uploads count against their site's storage quota; staff uploads have no site.
ALTER TABLE "attachments" ADD COLUMN "site_key_id" uuid;
--> statement-breakpoint
-- The last time these bytes were uploaded: an upload no record names is deleted 24 h after it, and
-- a client that uploads again before it submits (each send does) keeps them.
ALTER TABLE "attachments" ADD COLUMN "uploaded_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
CREATE INDEX "attachments_site_idx" ON "attachments" USING btree ("site_key_id");
--> statement-breakpoint
CREATE INDEX "attachments_uploaded_idx" ON "attachments" USING btree ("uploaded_at");
--> statement-breakpoint
-- The sweep asks which records name an attachment's digest; only records with attachments are indexed.
CREATE INDEX "records_attachments_idx" ON "records" USING gin (("doc"->'attachments') jsonb_path_ops) WHERE ("doc"->'attachments') <> '[]'::jsonb;
--> statement-breakpoint
-- Fixed-window request counters shared by every server process on one PostgreSQL.
CREATE TABLE "rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_counters_expires_idx" ON "rate_limit_counters" USING btree ("expires_at");
