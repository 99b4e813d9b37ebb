-- Saved queue views (issue 11): the record list's filters, search and sort under a name, personal
-- to their owner or shared with everyone; edited with If-Match on `version`.
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id")
);
--> statement-breakpoint
CREATE INDEX "saved_views_owner_idx" ON "saved_views" USING btree ("owner_id");
--> statement-breakpoint
CREATE INDEX "saved_views_shared_idx" ON "saved_views" USING btree ("shared");
--> statement-breakpoint
-- The queue's "asked by N": records merged into each listed one, counted per page.
CREATE INDEX "records_merged_into_idx" ON "records" USING btree ("merged_into") WHERE "records"."merged_into" IS NOT NULL;
