-- Dashboard speed (issue 13): every rating of a record's satisfaction history (客户确认, every
-- cycle) as a row, kept by triggers from the document, so the satisfaction panel and the queue's
-- rating filter read these narrow rows instead of unpacking each rated record's whole document
-- (at 100k records, reading the documents was most of the panel's 300 ms on PGlite).
CREATE TABLE "record_ratings" (
	"record_id" uuid NOT NULL,
	"ord" integer NOT NULL,
	"rating" text,
	"at" timestamp with time zone NOT NULL,
	"live" boolean NOT NULL,
	"department" text NOT NULL,
	CONSTRAINT "record_ratings_record_id_ord_pk" PRIMARY KEY("record_id","ord")
);
--> statement-breakpoint
CREATE INDEX "record_ratings_at_idx" ON "record_ratings" USING btree ("at","rating","record_id","live","department");--> statement-breakpoint
CREATE OR REPLACE FUNCTION echobox_record_ratings() RETURNS trigger AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM record_ratings WHERE record_id = NEW.id;
  END IF;
  INSERT INTO record_ratings (record_id, ord, rating, at, live, department)
  SELECT NEW.id, e.ord, e.value->>'rating', (e.value->>'at')::timestamptz, NEW.merged_into IS NULL, NEW.department
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(NEW.doc->'satisfaction') = 'array' THEN NEW.doc->'satisfaction' ELSE '[]'::jsonb END)
    WITH ORDINALITY AS e(value, ord);
  RETURN NULL;
END
$fn$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "records_ratings_inserted" AFTER INSERT ON "records" FOR EACH ROW
  WHEN (jsonb_typeof(NEW.doc->'satisfaction') = 'array' AND NEW.doc->'satisfaction' <> '[]'::jsonb)
  EXECUTE FUNCTION echobox_record_ratings();--> statement-breakpoint
CREATE TRIGGER "records_ratings_updated" AFTER UPDATE ON "records" FOR EACH ROW
  WHEN (OLD.doc->'satisfaction' IS DISTINCT FROM NEW.doc->'satisfaction' OR OLD.merged_into IS DISTINCT FROM NEW.merged_into
    OR OLD.department IS DISTINCT FROM NEW.department)
  EXECUTE FUNCTION echobox_record_ratings();--> statement-breakpoint
INSERT INTO record_ratings (record_id, ord, rating, at, live, department)
SELECT r.id, e.ord, e.value->>'rating', (e.value->>'at')::timestamptz, r.merged_into IS NULL, r.department
FROM records r, jsonb_array_elements(r.doc->'satisfaction') WITH ORDINALITY AS e(value, ord)
WHERE jsonb_typeof(r.doc->'satisfaction') = 'array';
