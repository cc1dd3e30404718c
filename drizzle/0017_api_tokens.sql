-- Personal API tokens for the GraphQL API: one user, one workspace, stored as a SHA-256 hash.
-- Authentication looks a token up by its hash on the service connection (before anyone is known);
-- users manage their own tokens through row-level security, and can only name, use and revoke them.
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
	"user_id" uuid NOT NULL REFERENCES "auth"."users"("id") ON DELETE CASCADE,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_key" UNIQUE ("token_hash"),
	CONSTRAINT "api_tokens_name_check" CHECK (length("name") between 1 and 100),
	CONSTRAINT "api_tokens_prefix_check" CHECK (length("prefix") = 12)
);
--> statement-breakpoint
CREATE INDEX "api_tokens_user_workspace_idx" ON "api_tokens" ("user_id", "workspace_id", "created_at");
--> statement-breakpoint
GRANT SELECT, INSERT ON public.api_tokens TO authenticated, service_role;
--> statement-breakpoint
-- A user may rename, use and revoke their token, never change whose it is or what it hashes to.
GRANT UPDATE (name, last_used_at, revoked_at) ON public.api_tokens TO authenticated;
--> statement-breakpoint
GRANT UPDATE, DELETE ON public.api_tokens TO service_role;
--> statement-breakpoint
ALTER TABLE public.api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_tokens_select ON public.api_tokens FOR SELECT TO authenticated
  USING (user_id = (SELECT auth.uid()) AND app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY api_tokens_insert ON public.api_tokens FOR INSERT TO authenticated
  WITH CHECK (user_id = (SELECT auth.uid()) AND app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY api_tokens_update ON public.api_tokens FOR UPDATE TO authenticated
  USING (user_id = (SELECT auth.uid()) AND app.is_member(workspace_id))
  WITH CHECK (user_id = (SELECT auth.uid()) AND app.is_member(workspace_id));
