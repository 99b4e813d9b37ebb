-- Consented, unmasked contact details (DOMAIN.md §13), one row per record, kept apart from the record
-- document (which keeps the masked form). `sealed` is AES-256-GCM under the key `key_id` names;
-- the hashes are HMACs of the normalised e-mail and phone, so a customer's records can be found
-- for export and erasure without decrypting every row.
CREATE TABLE "contact_vault" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"sealed" text NOT NULL,
	"email_hash" text,
	"phone_hash" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contact_vault_email_idx" ON "contact_vault" USING btree ("email_hash");
--> statement-breakpoint
CREATE INDEX "contact_vault_phone_idx" ON "contact_vault" USING btree ("phone_hash");
--> statement-breakpoint
CREATE INDEX "contact_vault_key_idx" ON "contact_vault" USING btree ("key_id");
--> statement-breakpoint
-- E-mails to customers, one per communication (DOMAIN.md §8). The address is never stored here: it
-- is read from the vault when the message is sent, so erasing the contact leaves nothing behind.
CREATE TABLE "customer_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"communication_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"subject" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "customer_messages_communication_unique" UNIQUE("communication_id")
);
--> statement-breakpoint
CREATE INDEX "customer_messages_record_idx" ON "customer_messages" USING btree ("record_id","created_at");
--> statement-breakpoint
-- A company's own wording of a message kind in one language; absent rows use the built-in defaults.
CREATE TABLE "message_templates" (
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "message_templates_kind_locale_pk" PRIMARY KEY("kind","locale")
);
--> statement-breakpoint
-- Status-page links: the token is HMAC-signed with its id and expiry; the row lets a link be revoked.
CREATE TABLE "status_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "status_links_record_idx" ON "status_links" USING btree ("record_id");
--> statement-breakpoint
INSERT INTO "server_secrets" ("name", "value")
VALUES ('status_link', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))
ON CONFLICT ("name") DO NOTHING;
