-- Time-based triggers (docs/time-triggers.md).
-- * Internal events: an event has an origin ('webhook', 'schedule', later 'test' and 'replay').
--   Only webhook events have a source; an internal event's external_id is its idempotency key
--   (automation, entity, period), unique per workspace, so a sweep run twice, on two processes or
--   after a crash, claims each run once. A schedule event has entity_type 'schedule' and entity_id ''.
ALTER TABLE "events" ADD COLUMN "origin" text DEFAULT 'webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_origin_check" CHECK ("origin" in ('webhook', 'schedule', 'test', 'replay'));--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "source_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_webhook_source_check" CHECK ("origin" <> 'webhook' OR "source_id" IS NOT NULL);--> statement-breakpoint
CREATE UNIQUE INDEX "events_internal_key" ON "events" ("workspace_id", "external_id") WHERE "source_id" IS NULL;--> statement-breakpoint
-- * Entity snapshots: every accepted webhook event upserts the entity it concerns (in
--   app.record_event, below). No foreign key to the workspace (it would lock the workspace row on
--   every event); a workspace's deletion removes its snapshots and internal events by trigger.
CREATE TABLE "entity_snapshots" (
  "workspace_id" uuid NOT NULL,
  "entity_type" text NOT NULL,
  "entity_id" text NOT NULL,
  "data" jsonb NOT NULL,
  "last_occurred_at" timestamptz NOT NULL,
  -- The newest occurred_at of any event about the entity (for a deal, also of activities linked to it).
  "last_activity_at" timestamptz NOT NULL,
  -- False once a deal is won or lost, or any entity deleted: such entities are never "inactive".
  "open" boolean NOT NULL,
  -- When the snapshot last changed (the event's received_at): a sweep also looks at recent changes.
  "updated_at" timestamptz NOT NULL,
  CONSTRAINT "entity_snapshots_pkey" PRIMARY KEY ("workspace_id", "entity_type", "entity_id")
);--> statement-breakpoint
-- Snapshots of the entities already known, from the events kept so far: the newest by occurred_at.
INSERT INTO "entity_snapshots" ("workspace_id", "entity_type", "entity_id", "data", "last_occurred_at", "last_activity_at", "open", "updated_at")
SELECT DISTINCT ON (e.workspace_id, e.entity_type, e.entity_id)
  e.workspace_id, e.entity_type, e.entity_id, coalesce(e.payload->'entity'->'data', '{}'::jsonb),
  coalesce(e.occurred_at, e.received_at), coalesce(e.occurred_at, e.received_at),
  NOT (e.type LIKE '%.deleted' OR coalesce(e.payload->'entity'->'data'->>'status', '') IN ('won', 'lost')), e.received_at
FROM "events" e
ORDER BY e.workspace_id, e.entity_type, e.entity_id, coalesce(e.occurred_at, e.received_at) DESC, e.received_at DESC;--> statement-breakpoint
UPDATE "entity_snapshots" s SET "last_activity_at" = linked.at
FROM (
  SELECT e.workspace_id, e.payload->'entity'->'data'->>'deal_id' AS deal_id, max(coalesce(e.occurred_at, e.received_at)) AS at
  FROM "events" e WHERE e.entity_type = 'activity' AND e.payload->'entity'->'data'->>'deal_id' IS NOT NULL
  GROUP BY 1, 2
) linked
WHERE s.workspace_id = linked.workspace_id AND s.entity_type = 'deal' AND s.entity_id = linked.deal_id AND s.last_activity_at < linked.at;--> statement-breakpoint
-- The due queries: open entities by last activity, and snapshots changed since the last sweep.
CREATE INDEX "entity_snapshots_open_activity_idx" ON "entity_snapshots" ("workspace_id", "entity_type", "last_activity_at") WHERE "open";--> statement-breakpoint
CREATE INDEX "entity_snapshots_updated_idx" ON "entity_snapshots" ("workspace_id", "updated_at");--> statement-breakpoint
-- Date-relative triggers read the date part of a date field: one index per field they may use.
CREATE INDEX "entity_snapshots_deal_close_idx" ON "entity_snapshots" ("workspace_id", (left("data"->>'expected_close_date', 10))) WHERE "entity_type" = 'deal' AND "open";--> statement-breakpoint
CREATE INDEX "entity_snapshots_activity_due_idx" ON "entity_snapshots" ("workspace_id", (left("data"->>'due_date', 10))) WHERE "entity_type" = 'activity' AND "open";--> statement-breakpoint
ALTER TABLE "entity_snapshots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "entity_snapshots" TO authenticated, anon;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "entity_snapshots" TO service_role;--> statement-breakpoint
CREATE POLICY entity_snapshots_select ON public.entity_snapshots FOR SELECT TO authenticated USING (app.is_member(workspace_id));--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.delete_workspace_time_state() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM public.entity_snapshots WHERE workspace_id = OLD.id;
  DELETE FROM public.events WHERE workspace_id = OLD.id AND source_id IS NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workspaces_delete_time_state AFTER DELETE ON public.workspaces
FOR EACH ROW EXECUTE FUNCTION app.delete_workspace_time_state();
--> statement-breakpoint
-- * The workspace's time zone (IANA name): date-relative and schedule triggers fire at local times.
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
-- * Per automation: when it was last switched on (marks before it do not fire unless the trigger
--   says catchUp), and how far the sweeps have got: swept_until is the last sweep's mark cut-off,
--   swept_at its clock. Kept by a trigger: switching on, or changing the trigger, starts afresh.
ALTER TABLE "automations" ADD COLUMN "activated_at" timestamptz;--> statement-breakpoint
ALTER TABLE "automations" ADD COLUMN "swept_until" timestamptz;--> statement-breakpoint
ALTER TABLE "automations" ADD COLUMN "swept_at" timestamptz;--> statement-breakpoint
UPDATE "automations" SET "activated_at" = now() WHERE "is_active";--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.mark_automation_activation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.is_active THEN NEW.activated_at := coalesce(NEW.activated_at, now()); END IF;
  ELSIF NEW.is_active AND (NOT OLD.is_active OR NEW.trigger IS DISTINCT FROM OLD.trigger) THEN
    NEW.activated_at := now();
    NEW.swept_until := NULL;
    NEW.swept_at := NULL;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER automations_mark_activation BEFORE INSERT OR UPDATE ON public.automations
FOR EACH ROW EXECUTE FUNCTION app.mark_automation_activation();
--> statement-breakpoint
-- The sweep loads every active time-based automation, across workspaces, by this index.
CREATE INDEX "automations_time_based_idx" ON "automations" ("trigger_type") WHERE "is_active" AND "trigger_type" IN ('deal.inactive', 'deal.date_relative', 'activity.date_relative', 'schedule');--> statement-breakpoint
-- * One table of periodic jobs (history pruning, the scheduler's sweep), replacing
--   app.history_pruning: when each is next due, the lease of the process running it, its last result.
CREATE TABLE app.periodic_jobs (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  -- Set while a process runs the job; a run whose process died is taken over once it has passed.
  lease_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_result jsonb,
  last_error text
);
--> statement-breakpoint
INSERT INTO app.periodic_jobs (name, next_run_at) SELECT 'history_pruning', next_round_at FROM app.history_pruning;
--> statement-breakpoint
INSERT INTO app.periodic_jobs (name, next_run_at) VALUES ('scheduler', now()) ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
DROP TABLE app.history_pruning;
--> statement-breakpoint
-- No policies and no grants: neither signed-in users nor anonymous callers can read or change it.
ALTER TABLE app.periodic_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON app.periodic_jobs FROM PUBLIC;
--> statement-breakpoint
-- * app.record_event (last in drizzle/0007) with internal events and the snapshot upsert. Internal
--   events carry no source, write no delivery log entry and leave snapshots alone.
CREATE OR REPLACE FUNCTION app.record_event(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_ws constant uuid := (p->>'workspace_id')::uuid;
  v_source constant uuid := (p->>'source_id')::uuid;
  v_received constant timestamptz := (p->>'received_at')::timestamptz;
  v_event constant jsonb := p->'event';
  v_occurred constant timestamptz := coalesce((v_event->>'occurredAt')::timestamptz, v_received);
  v_claimed uuid;
  v_failure record;
  v_streak int;
  v_was_active boolean;
  v_owner uuid;
  v_name text;
  v_reason text;
  v_disabled int := 0;
  v_alerts_hour int;
  v_alerts_day int;
BEGIN
  IF p->>'automations_stamp' IS NOT NULL
     AND p->>'automations_stamp' IS DISTINCT FROM app.automations_stamp(v_ws, p->'trigger_types') THEN
    RETURN jsonb_build_object('status', 'stale');
  END IF;
  IF p->>'members_stamp' IS NOT NULL AND p->>'members_stamp' IS DISTINCT FROM app.members_stamp(v_ws) THEN
    RETURN jsonb_build_object('status', 'stale');
  END IF;

  -- The claim. A concurrent redelivery waits here for the first to commit, then inserts nothing.
  -- The claim: (source, webhook-id) for a webhook, (workspace, idempotency key) for an internal event.
  -- A concurrent redelivery, or a second sweep, waits here for the first to commit, then inserts nothing.
  INSERT INTO public.events (id, workspace_id, source_id, external_id, type, entity_type, entity_id, payload, occurred_at, received_at, origin)
  VALUES ((p->>'event_id')::uuid, v_ws, v_source, p->>'external_id', v_event->>'type', v_event->'entity'->>'type',
          v_event->'entity'->>'id', v_event, v_occurred, v_received, coalesce(p->>'origin', 'webhook'))
  ON CONFLICT DO NOTHING
  RETURNING id INTO v_claimed;
  IF v_claimed IS NULL THEN
    RETURN jsonb_build_object('status', 'duplicate');
  END IF;

  IF v_source IS NOT NULL THEN
    INSERT INTO public.inbound_deliveries (workspace_id, source_id, external_id, outcome, http_status, event_id, received_at)
    VALUES (v_ws, v_source, p->>'external_id', 'accepted', 200, v_claimed, v_received);

    -- The entity's snapshot: the newest occurred_at wins, so a late or out-of-order event never
    -- moves it back. One upsert by key; won, lost and deleted entities are not open.
    INSERT INTO public.entity_snapshots AS s (workspace_id, entity_type, entity_id, data, last_occurred_at, last_activity_at, open, updated_at)
    VALUES (v_ws, v_event->'entity'->>'type', v_event->'entity'->>'id', v_event->'entity'->'data', v_occurred, v_occurred,
            NOT (v_event->>'type' LIKE '%.deleted' OR coalesce(v_event->'entity'->'data'->>'status', '') IN ('won', 'lost')), v_received)
    ON CONFLICT ON CONSTRAINT entity_snapshots_pkey DO UPDATE
      SET data = excluded.data, last_occurred_at = excluded.last_occurred_at,
          last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at), open = excluded.open, updated_at = excluded.updated_at
      WHERE s.last_occurred_at <= excluded.last_occurred_at;
    -- An activity linked to a deal is activity on the deal too.
    IF v_event->'entity'->>'type' = 'activity' AND v_event->'entity'->'data'->>'deal_id' IS NOT NULL THEN
      UPDATE public.entity_snapshots s SET last_activity_at = v_occurred, updated_at = v_received
      WHERE s.workspace_id = v_ws AND s.entity_type = 'deal' AND s.entity_id = v_event->'entity'->'data'->>'deal_id'
        AND s.last_activity_at < v_occurred;
    END IF;
  END IF;

  IF jsonb_array_length(p->'runs') = 0 THEN
    RETURN jsonb_build_object('status', 'recorded', 'disabled', 0);
  END IF;

  INSERT INTO public.automation_runs (id, workspace_id, automation_id, automation_owner_id, automation_version, event_id,
    event_type, entity_id, status, trace, error, duration_micros, created_at, finished_at)
  SELECT r.id, v_ws, r.automation_id, r.owner_id, r.version, v_claimed, v_event->>'type', v_event->'entity'->>'id',
    r.status, r.trace, r.error, r.duration_micros, v_received, r.finished_at
  FROM jsonb_to_recordset(p->'runs') AS r(id uuid, automation_id uuid, owner_id uuid, version int, status text, trace jsonb,
    error text, duration_micros int, finished_at timestamptz);

  IF jsonb_array_length(p->'actions') > 0 THEN
    INSERT INTO public.run_actions (workspace_id, run_id, action_index, type, status, output, error, config, created_at, finished_at)
    SELECT v_ws, a.run_id, a.action_index, a.type, a.status, a.output, a.error, a.config, v_received, a.finished_at
    FROM jsonb_to_recordset(p->'actions') AS a(run_id uuid, action_index int, type text, status text, output jsonb,
      error text, config jsonb, finished_at timestamptz);
  END IF;

  IF jsonb_array_length(p->'activities') > 0 THEN
    INSERT INTO public.activities (id, workspace_id, assignee_id, subject, activity_type, due_at, note, entity_type, entity_id,
      entity_title, automation_id, run_id, action_index, created_at)
    SELECT x.id, v_ws, x.assignee_id, x.subject, x.activity_type, x.due_at, x.note, x.entity_type, x.entity_id,
      x.entity_title, x.automation_id, x.run_id, x.action_index, v_received
    FROM jsonb_to_recordset(p->'activities') AS x(id uuid, assignee_id uuid, subject text, activity_type text,
      due_at timestamptz, note text, entity_type text, entity_id text, entity_title text, automation_id uuid, run_id uuid,
      action_index int);
  END IF;

  IF jsonb_array_length(p->'notifications') > 0 THEN
    INSERT INTO public.notifications (id, workspace_id, user_id, kind, title, body, link, automation_id, run_id, action_index, created_at)
    SELECT n.id, v_ws, n.user_id, 'action', n.title, n.body, n.link, n.automation_id, n.run_id, n.action_index, v_received
    FROM jsonb_to_recordset(p->'notifications') AS n(id uuid, user_id uuid, title text, body text, link text,
      automation_id uuid, run_id uuid, action_index int);
  END IF;

  IF jsonb_array_length(p->'outbox') > 0 THEN
    INSERT INTO public.outbox (workspace_id, run_id, action_index, kind, payload, next_attempt_at, created_at)
    SELECT v_ws, o.run_id, o.action_index, o.kind, o.payload, v_received, v_received
    FROM jsonb_to_recordset(p->'outbox') AS o(kind text, payload jsonb, run_id uuid, action_index int);
  END IF;

  -- A success ends a failure streak; rows already at 0 are not touched (so not locked).
  UPDATE public.automations a SET consecutive_failures = 0
  WHERE a.id IN (SELECT (r->>'automation_id')::uuid FROM jsonb_array_elements(p->'runs') r WHERE r->>'status' = 'succeeded')
    AND a.consecutive_failures <> 0;

  -- A failure extends it. The UPDATE locks the row, so is_active is read as it is now: exactly one
  -- event switches an automation off and alerts its owner, however many fail at once.
  FOR v_failure IN
    SELECT r.id, r.automation_id, r.error
    FROM jsonb_to_recordset(p->'runs') AS r(id uuid, automation_id uuid, status text, error text)
    WHERE r.status = 'failed'
    ORDER BY r.automation_id
  LOOP
    UPDATE public.automations a SET consecutive_failures = a.consecutive_failures + 1
    WHERE a.id = v_failure.automation_id
    RETURNING a.consecutive_failures, a.is_active, a.owner_id, a.name INTO v_streak, v_was_active, v_owner, v_name;
    IF v_was_active AND v_streak >= (p->>'max_failures')::int THEN
      v_reason := format('Turned off after %s failed runs in a row. Last error: %s', v_streak, v_failure.error);
      UPDATE public.automations a SET is_active = false, disabled_reason = v_reason, updated_at = now()
      WHERE a.id = v_failure.automation_id;
      INSERT INTO public.notifications (workspace_id, user_id, kind, title, body, link, automation_id, run_id, created_at)
      VALUES (v_ws, v_owner, 'alert', format('Automation “%s” was turned off', v_name), v_reason,
              '/settings/automations/' || v_failure.automation_id, v_failure.automation_id, v_failure.id, v_received);
      v_disabled := v_disabled + 1;
    END IF;

    -- The failure alert: the owner and the workspace's admins, capped per automation at
    -- alert_max_hour an hour and alert_max_day a day. One alert is one run, however many people get
    -- it (the turned-off notice above counts too: same run). The row lock taken by the UPDATE above
    -- serialises this count with concurrent failures of the same automation, and each statement
    -- reads what committed before it, so concurrent events cannot overshoot the caps.
    SELECT count(DISTINCT n.run_id) FILTER (WHERE n.created_at > v_received - interval '1 hour'), count(DISTINCT n.run_id)
    INTO v_alerts_hour, v_alerts_day
    FROM public.notifications n
    WHERE n.automation_id = v_failure.automation_id AND n.kind = 'alert' AND n.created_at > v_received - interval '1 day'
      AND n.run_id IS DISTINCT FROM v_failure.id;
    IF v_alerts_hour < (p->>'alert_max_hour')::int AND v_alerts_day < (p->>'alert_max_day')::int THEN
      INSERT INTO public.notifications (workspace_id, user_id, kind, title, body, link, automation_id, run_id, created_at)
      SELECT v_ws, u.user_id, 'alert', format('Automation “%s” failed', v_name), v_failure.error,
             '/settings/logs/' || v_failure.id, v_failure.automation_id, v_failure.id, v_received
      FROM (SELECT v_owner AS user_id
            UNION
            SELECT m.user_id FROM public.workspace_members m WHERE m.workspace_id = v_ws AND m.role = 'admin') u;
      -- With email configured (SMTP_URL), the same alert goes out by email through the outbox.
      IF (p->>'alert_email')::boolean THEN
        INSERT INTO public.outbox (workspace_id, run_id, kind, payload, next_attempt_at, created_at)
        SELECT v_ws, v_failure.id, 'email',
               jsonb_build_object('to', pr.email, 'subject', format('Automation “%s” failed', v_name),
                 'body', coalesce(v_failure.error, 'The run failed.') || E'\n\n' || coalesce(p->>'app_url', '') || '/settings/logs/' || v_failure.id,
                 'automationId', v_failure.automation_id, 'alert', true),
               v_received, v_received
        FROM (SELECT v_owner AS user_id
              UNION
              SELECT m.user_id FROM public.workspace_members m WHERE m.workspace_id = v_ws AND m.role = 'admin') u
        JOIN public.profiles pr ON pr.id = u.user_id;
      END IF;
    END IF;
  END LOOP;

  RETURN jsonb_build_object('status', 'recorded', 'disabled', v_disabled);
END
$$;
