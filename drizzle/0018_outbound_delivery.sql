-- Outbound delivery (lib/outbox/): the outbox becomes a queue that several processes claim with
-- FOR UPDATE SKIP LOCKED and a lease; each attempt is recorded; emails that cannot be sent (no SMTP
-- server) are kept in the workspace's mailbox; each workspace signs its webhooks with its own secret.
-- message_id is the Standard Webhooks `webhook-id`, fixed when the row is written so every attempt
-- (and a resend by hand) carries the same one.
ALTER TABLE "outbox" ADD COLUMN "message_id" text DEFAULT ('msg_' || replace(gen_random_uuid()::text, '-', '')) NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locked_by" text;--> statement-breakpoint
-- A process that died while sending leaves its rows 'sending' until the lease ends: this finds them.
CREATE INDEX "outbox_sending_lease_idx" ON "outbox" USING btree ("locked_until") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
-- "Waiting for delivery": the runs with an action's delivery still queued.
CREATE INDEX "outbox_run_unsent_idx" ON "outbox" USING btree ("run_id") WHERE "outbox"."status" in ('pending', 'sending');--> statement-breakpoint
-- Pruning finds finished rows by age.
CREATE INDEX "outbox_finished_created_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."status" in ('sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "outbox_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"workspace_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"status_code" integer,
	"latency_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"response_snippet" text,
	CONSTRAINT "outbox_attempts_outcome_check" CHECK ("outbox_attempts"."outcome" in ('delivered', 'retry', 'failed', 'kept'))
);--> statement-breakpoint
ALTER TABLE "outbox_attempts" ADD CONSTRAINT "outbox_attempts_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_attempts_outbox_idx" ON "outbox_attempts" USING btree ("outbox_id","attempt");--> statement-breakpoint
CREATE TABLE "mailbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"outbox_id" bigint,
	"run_id" uuid,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_messages_outbox_key" UNIQUE("outbox_id")
);--> statement-breakpoint
ALTER TABLE "mailbox_messages" ADD CONSTRAINT "mailbox_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_messages" ADD CONSTRAINT "mailbox_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailbox_messages_workspace_created_idx" ON "mailbox_messages" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE TABLE "outbound_secrets" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "outbound_secrets" ADD CONSTRAINT "outbound_secrets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security: admins read their workspace's attempts, mailbox and outbound secret, and may
-- set (rotate) the secret; the sender writes the rest through the service connection.
GRANT SELECT, INSERT, UPDATE, DELETE ON public.outbox_attempts, public.mailbox_messages, public.outbound_secrets TO authenticated, service_role;--> statement-breakpoint
GRANT USAGE ON SEQUENCE public.outbox_attempts_id_seq, public.mailbox_messages_id_seq TO authenticated, service_role;--> statement-breakpoint
ALTER TABLE public.outbox_attempts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.mailbox_messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.outbound_secrets ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- A run's deliveries are shown under its actions: whoever may read the run reads its deliveries and
-- their attempts (admins the workspace's, members their own automations'); alerts (no run) stay admins'.
DROP POLICY IF EXISTS outbox_select ON public.outbox;--> statement-breakpoint
CREATE POLICY outbox_select ON public.outbox FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR (action_index IS NOT NULL AND EXISTS (SELECT 1 FROM public.automation_runs r WHERE r.id = run_id)));--> statement-breakpoint
CREATE POLICY outbox_attempts_select ON public.outbox_attempts FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM public.outbox o WHERE o.id = outbox_id));--> statement-breakpoint
CREATE POLICY mailbox_messages_select ON public.mailbox_messages FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id));--> statement-breakpoint
CREATE POLICY outbound_secrets_select ON public.outbound_secrets FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id));--> statement-breakpoint
CREATE POLICY outbound_secrets_insert ON public.outbound_secrets FOR INSERT TO authenticated
  WITH CHECK (app.is_admin(workspace_id));--> statement-breakpoint
CREATE POLICY outbound_secrets_update ON public.outbound_secrets FOR UPDATE TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));--> statement-breakpoint
-- A delivery that finally failed fails its run, as a local failure does (app.record_event): the
-- streak grows, past max_failures the automation is turned off and its owner told, and the owner
-- and admins get a failure alert (capped per automation), by email too through the outbox.
CREATE OR REPLACE FUNCTION app.record_delivery_failure(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_run constant uuid := (p->>'run_id')::uuid;
  v_error constant text := p->>'error';
  v_now constant timestamptz := (p->>'now')::timestamptz;
  v_ws uuid;
  v_automation uuid;
  v_prior text;
  v_streak int;
  v_was_active boolean;
  v_owner uuid;
  v_name text;
  v_reason text;
  v_disabled int := 0;
  v_alerts_hour int;
  v_alerts_day int;
BEGIN
  SELECT r.workspace_id, r.automation_id, r.status INTO v_ws, v_automation, v_prior
  FROM public.automation_runs r WHERE r.id = v_run FOR UPDATE;
  -- A run already failed (an earlier delivery of it) counts once.
  IF v_ws IS NULL OR v_prior = 'failed' THEN
    RETURN jsonb_build_object('counted', false, 'disabled', 0);
  END IF;
  UPDATE public.automation_runs SET status = 'failed', error = v_error WHERE id = v_run;

  UPDATE public.automations a SET consecutive_failures = a.consecutive_failures + 1
  WHERE a.id = v_automation
  RETURNING a.consecutive_failures, a.is_active, a.owner_id, a.name INTO v_streak, v_was_active, v_owner, v_name;
  IF v_streak IS NULL THEN
    RETURN jsonb_build_object('counted', true, 'disabled', 0);
  END IF;
  IF v_was_active AND v_streak >= (p->>'max_failures')::int THEN
    v_reason := format('Turned off after %s failed runs in a row. Last error: %s', v_streak, v_error);
    UPDATE public.automations a SET is_active = false, disabled_reason = v_reason, updated_at = now() WHERE a.id = v_automation;
    INSERT INTO public.notifications (workspace_id, user_id, kind, title, body, link, automation_id, run_id, created_at)
    VALUES (v_ws, v_owner, 'alert', format('Automation “%s” was turned off', v_name), v_reason,
            '/settings/automations/' || v_automation, v_automation, v_run, v_now);
    v_disabled := 1;
  END IF;

  SELECT count(DISTINCT n.run_id) FILTER (WHERE n.created_at > v_now - interval '1 hour'), count(DISTINCT n.run_id)
  INTO v_alerts_hour, v_alerts_day
  FROM public.notifications n
  WHERE n.automation_id = v_automation AND n.kind = 'alert' AND n.created_at > v_now - interval '1 day'
    AND n.run_id IS DISTINCT FROM v_run;
  IF v_alerts_hour < (p->>'alert_max_hour')::int AND v_alerts_day < (p->>'alert_max_day')::int THEN
    INSERT INTO public.notifications (workspace_id, user_id, kind, title, body, link, automation_id, run_id, created_at)
    SELECT v_ws, u.user_id, 'alert', format('Automation “%s” failed', v_name), v_error,
           '/settings/logs/' || v_run, v_automation, v_run, v_now
    FROM (SELECT v_owner AS user_id
          UNION
          SELECT m.user_id FROM public.workspace_members m WHERE m.workspace_id = v_ws AND m.role = 'admin') u;
    INSERT INTO public.outbox (workspace_id, run_id, kind, payload, next_attempt_at, created_at)
    SELECT v_ws, v_run, 'email',
           jsonb_build_object('to', pr.email, 'subject', format('Automation “%s” failed', v_name),
             'body', coalesce(v_error, 'The run failed.') || E'\n\n' || coalesce(p->>'app_url', '') || '/settings/logs/' || v_run,
             'automationId', v_automation, 'alert', true),
           v_now, v_now
    FROM (SELECT v_owner AS user_id
          UNION
          SELECT m.user_id FROM public.workspace_members m WHERE m.workspace_id = v_ws AND m.role = 'admin') u
    JOIN public.profiles pr ON pr.id = u.user_id;
  END IF;
  RETURN jsonb_build_object('counted', true, 'disabled', v_disabled);
END
$$;
