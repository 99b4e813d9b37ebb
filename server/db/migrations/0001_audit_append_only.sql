-- Changes-feed cursor: every write to a record takes the next value.
CREATE SEQUENCE IF NOT EXISTS "record_change_seq";
--> statement-breakpoint
-- The audit trail is append-only: updates and deletes are refused by the database itself.
CREATE OR REPLACE FUNCTION echobox_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION echobox_audit_append_only();
