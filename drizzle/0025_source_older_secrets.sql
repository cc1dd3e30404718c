-- Rotating a source's secret twice within its 24-hour grace period used to end the first old
-- secret's window at once. Secrets retired before the previous one are kept here, each with its
-- own expiry ([{ "secret", "expiresAt" }], at most 4; lib/webhooks/retired-secrets.ts), and keep
-- verifying until then.
ALTER TABLE "webhook_sources" ADD COLUMN "older_secrets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD CONSTRAINT "webhook_sources_older_secrets_check" CHECK (jsonb_typeof("older_secrets") = 'array');
