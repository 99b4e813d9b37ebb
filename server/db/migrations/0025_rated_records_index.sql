-- The satisfaction panel and the queue's rating filter read only records rated at least once: a partial index keeps them from scanning every document.
CREATE INDEX IF NOT EXISTS "records_rated_idx" ON "records" USING btree ("created_at") WHERE ("doc"->'satisfaction') <> '[]'::jsonb;
