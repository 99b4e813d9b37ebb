-- Dashboard (issue 13): every obligation of a record (DOMAIN.md §12, shared/domain/obligations.ts)
-- as a row, written with the record in the same transaction, so compliance figures (met in time,
-- met late, breached, open) and the queue's obligation filters are one SQL predicate over rows
-- instead of recomputing every record. working_ms is the working time from start to met
-- (shared/domain/compliance.ts). Records keep when they were done and the working time it took.
-- Records stored before this migration get their rows at their next write.
CREATE TABLE "record_obligations" (
	"record_id" uuid NOT NULL,
	"ord" integer NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"met_at" timestamp with time zone,
	"working_ms" bigint,
	CONSTRAINT "record_obligations_record_id_ord_pk" PRIMARY KEY("record_id","ord")
);
--> statement-breakpoint
CREATE INDEX "record_obligations_due_idx" ON "record_obligations" USING btree ("due_at","kind");--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "done_working_ms" bigint;--> statement-breakpoint
-- echobox_store_records (0010) taking each record's obligations.
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
        next_due_at timestamptz, next_obligation_kind text, obligations jsonb,
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
  -- The record's obligations as rows (migration 0017), for the dashboard's compliance figures.
  obliged AS (
    INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at, met_at, working_ms)
    SELECT n.id, o.ord, o.value->>'kind', (o.value->>'startsAt')::timestamptz, (o.value->>'dueAt')::timestamptz,
      (o.value->>'metAt')::timestamptz, (o.value->>'workingMs')::bigint
    FROM numbered n, LATERAL jsonb_array_elements(coalesce(n.obligations, '[]'::jsonb)) WITH ORDINALITY AS o(value, ord)
  ),
  audited AS (
    INSERT INTO audit_entries (record_id, actor_id, actor_label, action, at, before, after)
    SELECT s.id, n.actor_id, n.actor_label, 'create', n.at, NULL, s.doc
    FROM stored s JOIN numbered n USING (id) ORDER BY n.ord
  )
  SELECT s.id, s.record_number FROM stored s;
END
$fn$ LANGUAGE plpgsql;
