-- Obligations (DOMAIN.md §12, shared/domain/obligations.ts): each record keeps the due instant and
-- kind of its first unmet obligation, written with the record in the same transaction, so the
-- queue filters overdue records (next_due_at < now) and sorts by what is due next through an index.
ALTER TABLE "records" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "next_obligation_kind" text;--> statement-breakpoint
CREATE INDEX "records_next_due_idx" ON "records" USING btree ("next_due_at","id");--> statement-breakpoint
-- Records stored before this migration: their open response deadline until their next write
-- recomputes every obligation (the calendar lives in the application, not in SQL).
UPDATE "records" SET "next_due_at" = "due_at", "next_obligation_kind" = 'response'
  WHERE "due_at" IS NOT NULL AND "status" IN ('pending_analysis', 'in_progress');--> statement-breakpoint
-- echobox_store_records (0004) with the two new columns.
CREATE OR REPLACE FUNCTION echobox_store_records(rows jsonb)
RETURNS TABLE (stored_id uuid, stored_number text) AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT e.ord, i.*
    FROM jsonb_array_elements(rows) WITH ORDINALITY AS e(value, ord),
      LATERAL jsonb_to_record(e.value) AS i(
        id uuid, department text, day text, prefix text, status text, validity text, category text,
        source text, channel text, nature text, urgency text, priority text, initial_priority text,
        customer_type text, owner_id uuid, campaign_id uuid, merged_into uuid, due_at timestamptz,
        next_due_at timestamptz, next_obligation_kind text,
        recorded_at timestamptz, at timestamptz, site_key_id uuid, reporter_key text, created_by uuid,
        body_hash text, actor_id uuid, actor_label text, tokens text, doc jsonb)
  ),
  wanted AS (
    SELECT department, day, count(*)::int AS n FROM input GROUP BY department, day
  ),
  -- One upsert takes every counter's row lock, in a fixed order so concurrent writers cannot deadlock.
  reserved AS (
    INSERT INTO record_sequences AS s (department, day, last_seq)
    SELECT department, day, n FROM wanted ORDER BY department, day
    ON CONFLICT (department, day) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
    RETURNING s.department, s.day, s.last_seq
  ),
  numbered AS (
    SELECT i.*, i.prefix || '-' || q.seq_word AS record_number, q.seq_word
    FROM input i
    JOIN (
      SELECT ord, lpad(seq::text, greatest(3, length(seq::text)), '0') AS seq_word
      FROM (
        SELECT i2.ord, r.last_seq - w.n + row_number() OVER (PARTITION BY i2.department, i2.day ORDER BY i2.ord) AS seq
        FROM input i2 JOIN wanted w USING (department, day) JOIN reserved r USING (department, day)
      ) counted
    ) q USING (ord)
  ),
  stored AS (
    INSERT INTO records (id, record_number, department, status, validity, category, source, channel, nature,
      urgency, priority, initial_priority, customer_type, owner_id, campaign_id, merged_into, due_at,
      next_due_at, next_obligation_kind, recorded_at, updated_at, version, site_key_id, reporter_key, created_by, created_at, body_hash,
      change_seq, doc, search)
    SELECT id, record_number, department, status, validity, category, source, channel, nature,
      urgency, priority, initial_priority, customer_type, owner_id, campaign_id, merged_into, due_at,
      next_due_at, next_obligation_kind, recorded_at, at, 1, site_key_id, reporter_key, created_by, at, body_hash,
      nextval('record_change_seq'), jsonb_set(doc, '{recordNumber}', to_jsonb(record_number)),
      array_to_tsvector(string_to_array(tokens || ' ' || seq_word, ' '))
    FROM numbered ORDER BY ord
    RETURNING id, record_number, doc
  ),
  audited AS (
    INSERT INTO audit_entries (record_id, actor_id, actor_label, action, at, before, after)
    SELECT s.id, n.actor_id, n.actor_label, 'create', n.at, NULL, s.doc
    FROM stored s JOIN numbered n USING (id) ORDER BY n.ord
  )
  SELECT s.id, s.record_number FROM stored s;
END
$fn$ LANGUAGE plpgsql;
