-- Working-day calendar years a company adds or overrides (ECHOBOX_CALENDARS_FILE, admin API).
-- Mainland China's own years come from the chinese-days package and are not stored.
CREATE TABLE "calendar_years" (
	"calendar_id" text NOT NULL,
	"year" integer NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "calendar_years_calendar_id_year_pk" PRIMARY KEY("calendar_id","year")
);
--> statement-breakpoint
-- One row whose version every calendar change raises in the same transaction: each server process
-- compares it with the version of its cached calendars (one primary-key read) before counting a deadline.
CREATE TABLE "calendar_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "calendar_state_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "calendar_state" ("id", "version") VALUES (1, 0);
