-- Helpdesk adapter definitions published through the API (a taught definition an admin makes
-- everyone's), and the append-only log of who published or withdrew which definition when.
CREATE TABLE "published_adapters" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "adapter_publications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"adapter_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"definition" jsonb
);--> statement-breakpoint
CREATE INDEX "adapter_publications_adapter_idx" ON "adapter_publications" USING btree ("adapter_id","id");
