-- The latest satisfaction rating as a column (shared/schemas/record.ts latestSatisfaction), written with
-- the record, so the queue and the ledger export filter by it (the built-in Dissatisfied view).
ALTER TABLE "records" ADD COLUMN "satisfaction" text;--> statement-breakpoint
UPDATE "records" SET "satisfaction" = (
  SELECT e->>'rating' FROM jsonb_array_elements("doc"->'satisfaction') AS e
  ORDER BY (e->>'cycle')::int DESC, (e->>'at')::timestamptz DESC LIMIT 1
) WHERE jsonb_typeof("doc"->'satisfaction') = 'array' AND jsonb_array_length("doc"->'satisfaction') > 0;--> statement-breakpoint
CREATE INDEX "records_satisfaction_idx" ON "records" USING btree ("satisfaction") WHERE "satisfaction" IS NOT NULL;
