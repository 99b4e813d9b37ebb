-- Durable jobs (ARCHITECTURE.md "Durable jobs", server/jobs): one table of work, written in the
-- transaction of the change that causes it. A worker claims due rows with FOR UPDATE SKIP LOCKED and
-- leases them by moving run_at to the lease's end, so one partial index finds both queued jobs that
-- are due and running jobs whose worker died. dedupe_key makes enqueueing the same work twice a no-op.
CREATE TABLE "jobs" (
  "id" bigserial PRIMARY KEY,
  "kind" text NOT NULL,
  "payload" jsonb NOT NULL,
  "dedupe_key" text,
  "state" text NOT NULL DEFAULT 'queued',
  "attempts" integer NOT NULL DEFAULT 0,
  "run_at" timestamp with time zone NOT NULL,
  "locked_by" text,
  "last_error" text,
  "created_at" timestamp with time zone NOT NULL,
  "finished_at" timestamp with time zone
);--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key_idx" ON "jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at", "id") WHERE "state" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "jobs_dead_idx" ON "jobs" USING btree ("finished_at" DESC, "id" DESC) WHERE "state" = 'dead';--> statement-breakpoint
-- Outbound webhooks and team-chat bots an admin configures (server/webhooks).
CREATE TABLE "webhook_endpoints" (
  "id" uuid PRIMARY KEY,
  "name" text NOT NULL,
  "url" text NOT NULL,
  "format" text NOT NULL,
  "events" jsonb NOT NULL,
  "secret" text NOT NULL,
  "active" boolean NOT NULL DEFAULT true,
  "created_by" uuid,
  "created_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
-- One row per attempt to deliver one event to one endpoint.
CREATE TABLE "webhook_deliveries" (
  "id" bigserial PRIMARY KEY,
  "endpoint_id" uuid NOT NULL,
  "message_id" text NOT NULL,
  "event_type" text NOT NULL,
  "attempt" integer NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "outcome" text NOT NULL,
  "status_code" integer,
  "error" text
);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id", "id" DESC);--> statement-breakpoint
-- record.created for every subscribed endpoint, in the transaction that stores the records (one
-- statement-level trigger also covers echobox_store_records' batches; no endpoint, no rows).
CREATE OR REPLACE FUNCTION echobox_record_created_events() RETURNS trigger AS $fn$
BEGIN
  INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at)
  SELECT 'webhook.deliver',
    jsonb_build_object(
      'endpointId', e.id,
      'messageId', 'msg_' || n.id || '_created',
      'event', jsonb_build_object(
        'type', 'record.created',
        'timestamp', to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'data', jsonb_build_object('recordId', n.id, 'recordNumber', n.record_number, 'department', n.department,
          'status', n.status, 'category', n.category, 'urgency', n.urgency))),
    'webhook:' || e.id || ':msg_' || n.id || '_created',
    n.created_at, n.created_at
  FROM new_records n JOIN webhook_endpoints e ON e.active AND e.events ? 'record.created'
  ON CONFLICT (dedupe_key) DO NOTHING;
  RETURN NULL;
END
$fn$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "records_created_events" AFTER INSERT ON "records"
  REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION echobox_record_created_events();
