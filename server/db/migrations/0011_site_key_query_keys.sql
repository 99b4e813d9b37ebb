-- The query keys a site lets through in the page and referrer URLs of its widget submissions;
-- every other key (e-mail addresses, reset and access tokens) is stripped on write. None by default.
ALTER TABLE "site_keys" ADD COLUMN "allowed_query_keys" jsonb DEFAULT '[]'::jsonb NOT NULL;
