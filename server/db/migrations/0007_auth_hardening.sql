-- One random secret per database, shared by every server process on it: reporter keys are an HMAC
-- under it (server/auth/reporter-key.ts). gen_random_uuid draws from the strong random source;
-- two of them carry 244 random bits, hashed into a 64-character hex key.
CREATE TABLE IF NOT EXISTS "server_secrets" (
  "name" text PRIMARY KEY,
  "value" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "server_secrets" ("name", "value")
VALUES ('reporter_key', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
-- HMAC-SHA256 (RFC 2104) from the built-in sha256, for the key conversion below only (pgcrypto is
-- not available on every store). Keys up to the 64-byte block size, which ours is.
CREATE OR REPLACE FUNCTION echobox_hmac_sha256(k bytea, m bytea) RETURNS text AS $$
DECLARE
  ipad bytea := '\x'::bytea;
  opad bytea := '\x'::bytea;
  b int;
BEGIN
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  FOR i IN 0..63 LOOP
    b := get_byte(k, i);
    ipad := ipad || decode(lpad(to_hex(b # 54), 2, '0'), 'hex');
    opad := opad || decode(lpad(to_hex(b # 92), 2, '0'), 'hex');
  END LOOP;
  RETURN encode(sha256(opad || sha256(ipad || m)), 'hex');
END;
$$ LANGUAGE plpgsql IMMUTABLE STRICT;
--> statement-breakpoint
-- Stored reporter keys were sha256(anonymous secret) or sha256('user:<site>:<sub>'), so one kind could
-- pose as the other. The new key is HMAC(secret, kind || ':' || old key), exactly what the server
-- derives from a reporter's credential now, so every reporter keeps reading, rating and answering.
-- The kind comes from the reporter the row itself stores (userId: signed user, else anonymous); a
-- key stored by an attacker as anonymous stays anonymous and no longer reaches the user it aped.
UPDATE "records" SET "reporter_key" = echobox_hmac_sha256(
  convert_to((SELECT "value" FROM "server_secrets" WHERE "name" = 'reporter_key'), 'UTF8'),
  convert_to(CASE WHEN "doc"->'origin'->'reporter' ? 'userId' THEN 'user:' ELSE 'anon:' END || "reporter_key", 'UTF8'))
WHERE "reporter_key" IS NOT NULL;
--> statement-breakpoint
UPDATE "survey_responses" SET "reporter_key" = echobox_hmac_sha256(
  convert_to((SELECT "value" FROM "server_secrets" WHERE "name" = 'reporter_key'), 'UTF8'),
  convert_to(CASE WHEN "doc"->'reporter' ? 'userId' THEN 'user:' ELSE 'anon:' END || "reporter_key", 'UTF8'))
WHERE "reporter_key" IS NOT NULL;
--> statement-breakpoint
DROP FUNCTION echobox_hmac_sha256(bytea, bytea);
--> statement-breakpoint
-- Optional expiry of personal API tokens.
ALTER TABLE "api_tokens" ADD COLUMN IF NOT EXISTS "expires_at" timestamp with time zone;
--> statement-breakpoint
-- Set for the first-start admin: its printed password must be changed before anything else.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "must_change_password" boolean DEFAULT false NOT NULL;
