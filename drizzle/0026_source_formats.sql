-- Issue 26 §5–6: a third payload format (Pipedrive webhooks v2, authenticated by HTTP Basic
-- credentials: basic_username here, the password in `secret`, rotated like any secret), and
-- per-source settings (a Supabase source's table and column mapping), validated by the app.
ALTER TABLE "webhook_sources" DROP CONSTRAINT "webhook_sources_format_check";
--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD CONSTRAINT "webhook_sources_format_check" CHECK ("webhook_sources"."format" in ('native', 'supabase', 'pipedrive'));
--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD COLUMN "basic_username" text;
--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD CONSTRAINT "webhook_sources_basic_username_check" CHECK ("webhook_sources"."format" <> 'pipedrive' OR "webhook_sources"."basic_username" IS NOT NULL);
