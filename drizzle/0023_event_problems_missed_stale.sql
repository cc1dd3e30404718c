-- Real CRM traffic (issue 26 sections 1 and 4, issue 22 items 14 and 15):
-- * what is wrong with the EVENT (an owner that is missing or not mapped to a member) fails only its
--   run: the run carries the cause in `problem`, never counts toward auto-disable, and the admins get
--   one grouped notification per cause whose count grows;
-- * notifications with a group_key are one row per (workspace, user, key) while unread: a repeat
--   updates its count instead of adding a row (failure alerts by automation and cause, turned-off
--   notices, event problems);
-- * an automation switched off in the last 7 days still hears its trigger: a run with status
--   `missed` records each event it would have run for, so Reactivate can offer to run them;
-- * snapshots remember a delete, so a later update of a deleted entity is stale like an older one.
ALTER TABLE "automation_runs" ADD COLUMN "problem" text;--> statement-breakpoint
ALTER TABLE "automation_runs" DROP CONSTRAINT "automation_runs_status_check";--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_status_check" CHECK ("status" in ('running', 'succeeded', 'failed', 'skipped', 'stopped', 'missed'));--> statement-breakpoint
-- The failed runs of one cause, to retry once it is fixed (a member mapped to the CRM id).
CREATE INDEX "automation_runs_problem_idx" ON "automation_runs" ("workspace_id", "problem") WHERE "problem" IS NOT NULL AND "status" = 'failed';--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "group_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "group_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_open_group_key" ON "notifications" ("workspace_id", "user_id", "group_key") WHERE "group_key" IS NOT NULL AND "read_at" IS NULL;--> statement-breakpoint
ALTER TABLE "automations" ADD COLUMN "deactivated_at" timestamptz;--> statement-breakpoint
UPDATE "automations" SET "deactivated_at" = "updated_at" WHERE NOT "is_active" AND "deleted_at" IS NULL;--> statement-breakpoint
-- The ingest cache loads recently switched-off automations of the event's trigger types by this.
CREATE INDEX "automations_off_by_trigger_idx" ON "automations" ("workspace_id", "trigger_type", "deactivated_at") WHERE NOT "is_active" AND "deleted_at" IS NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.mark_automation_activation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.is_active THEN NEW.activated_at := coalesce(NEW.activated_at, now()); END IF;
  ELSIF NEW.is_active AND (NOT OLD.is_active OR NEW.trigger IS DISTINCT FROM OLD.trigger) THEN
    NEW.activated_at := now();
    NEW.swept_until := NULL;
    NEW.swept_at := NULL;
  ELSIF OLD.is_active AND NOT NEW.is_active THEN
    NEW.deactivated_at := now();
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The bump trigger also fires when deactivated_at changes (it decides which off automations are loaded).
DROP TRIGGER automations_bump_rev_update ON public.automations;--> statement-breakpoint
CREATE TRIGGER automations_bump_rev_update AFTER UPDATE ON public.automations
FOR EACH ROW WHEN (
  (OLD.workspace_id, OLD.owner_id, OLD.name, OLD.is_active, OLD.trigger, OLD.trigger_type, OLD.conditions, OLD.actions, OLD.version, OLD.deactivated_at, OLD.deleted_at)
  IS DISTINCT FROM
  (NEW.workspace_id, NEW.owner_id, NEW.name, NEW.is_active, NEW.trigger, NEW.trigger_type, NEW.conditions, NEW.actions, NEW.version, NEW.deactivated_at, NEW.deleted_at)
) EXECUTE FUNCTION app.bump_automations_rev();
--> statement-breakpoint
ALTER TABLE "entity_snapshots" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "entity_snapshots" s SET "deleted" = true
FROM "events" e
WHERE e.workspace_id = s.workspace_id AND e.entity_type = s.entity_type AND e.entity_id = s.entity_id
  AND e.type LIKE '%.deleted' AND e.occurred_at = s.last_occurred_at;--> statement-breakpoint
-- * The grouped notification: one row per (workspace, user, key) while unread; a repeat adds one to
--   its count, takes the newest text, link and run, and comes back to the top. Returns the users
--   for whom a new row was written (who should also get an email, if any).
CREATE OR REPLACE FUNCTION app.notify_grouped(
  p_ws uuid, p_users uuid[], p_key text, p_title_one text, p_title_many text, p_body text, p_link text,
  p_automation uuid, p_run uuid, p_at timestamptz
) RETURNS uuid[]
LANGUAGE plpgsql AS $$
DECLARE
  v_new uuid[];
BEGIN
  -- Rows in user order, so two events upserting the same group never wait on each other crosswise.
  WITH upserted AS (
    INSERT INTO public.notifications AS n (workspace_id, user_id, kind, title, body, link, automation_id, run_id, group_key, group_count, created_at)
    SELECT p_ws, u.id, 'alert', p_title_one, p_body, p_link, p_automation, p_run, p_key, 1, p_at
    FROM (SELECT DISTINCT unnest(p_users) AS id) u WHERE u.id IS NOT NULL ORDER BY u.id
    ON CONFLICT (workspace_id, user_id, group_key) WHERE group_key IS NOT NULL AND read_at IS NULL
    DO UPDATE SET group_count = n.group_count + 1, title = format(p_title_many, n.group_count + 1), body = excluded.body,
                  link = excluded.link, run_id = excluded.run_id, created_at = excluded.created_at
    RETURNING n.user_id, (n.xmax = 0) AS inserted
  )
  SELECT coalesce(array_agg(user_id), '{}') INTO v_new FROM upserted WHERE inserted;
  RETURN v_new;
END
$$;
--> statement-breakpoint
-- * A failure that counts (the automation's or a delivery's, never an event's): the streak grows;
--   past max_failures the automation is turned off and its owner and admins told (one grouped
--   notice); the owner and admins get one grouped failure alert per (automation, cause), by email
--   when it is new. The UPDATE locks the automation's row, so exactly one event turns it off.
CREATE OR REPLACE FUNCTION app.count_run_failure(p_ws uuid, p_automation uuid, p_run uuid, p_error text, p_at timestamptz, p jsonb)
RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  v_streak int;
  v_was_active boolean;
  v_owner uuid;
  v_name text;
  v_reason text;
  v_people uuid[];
  v_emailed uuid[];
  v_disabled int := 0;
BEGIN
  UPDATE public.automations a SET consecutive_failures = a.consecutive_failures + 1
  WHERE a.id = p_automation
  RETURNING a.consecutive_failures, a.is_active, a.owner_id, a.name INTO v_streak, v_was_active, v_owner, v_name;
  IF v_streak IS NULL THEN
    RETURN 0;
  END IF;
  SELECT array_agg(u) INTO v_people FROM (
    SELECT v_owner AS u UNION SELECT m.user_id FROM public.workspace_members m WHERE m.workspace_id = p_ws AND m.role = 'admin'
  ) people;

  IF v_was_active AND v_streak >= (p->>'max_failures')::int THEN
    v_reason := format('Turned off after %s failed runs in a row. Last error: %s', v_streak, p_error);
    UPDATE public.automations a SET is_active = false, disabled_reason = v_reason, updated_at = now() WHERE a.id = p_automation;
    PERFORM app.notify_grouped(p_ws, v_people, 'off:' || p_automation, format('Automation “%s” was turned off', v_name),
      format('Automation “%s” was turned off (%%s times)', v_name), v_reason, '/settings/automations/' || p_automation, p_automation, p_run, p_at);
    v_disabled := 1;
  END IF;

  v_emailed := app.notify_grouped(p_ws, v_people, 'failed:' || p_automation || ':' || md5(coalesce(p_error, '')),
    format('Automation “%s” failed', v_name), format('Automation “%s” failed %%s times', v_name),
    p_error, '/settings/logs/' || p_run, p_automation, p_run, p_at);
  -- Email goes with a new alert only: while it is unread, repeats only raise its count.
  IF (p->>'alert_email')::boolean AND cardinality(v_emailed) > 0 THEN
    INSERT INTO public.outbox (workspace_id, run_id, kind, payload, next_attempt_at, created_at)
    SELECT p_ws, p_run, 'email',
           jsonb_build_object('to', pr.email, 'subject', format('Automation “%s” failed', v_name),
             'body', coalesce(p_error, 'The run failed.') || E'\n\n' || coalesce(p->>'app_url', '') || '/settings/logs/' || p_run,
             'automationId', p_automation, 'alert', true),
           p_at, p_at
    FROM public.profiles pr WHERE pr.id = ANY (v_emailed) ORDER BY pr.id;
  END IF;
  RETURN v_disabled;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.record_event(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_ws constant uuid := (p->>'workspace_id')::uuid;
  v_source constant uuid := (p->>'source_id')::uuid;
  v_received constant timestamptz := (p->>'received_at')::timestamptz;
  v_event constant jsonb := p->'event';
  v_type constant text := v_event->>'type';
  v_occurred constant timestamptz := coalesce((v_event->>'occurredAt')::timestamptz, v_received);
  v_claimed uuid;
  v_fresh boolean;
  v_newest timestamptz;
  v_was_deleted boolean;
  v_stale text;
  v_failure record;
  v_problem record;
  v_admins uuid[];
  v_disabled int := 0;
BEGIN
  -- 1. The caches the plans were made from must still be current, else nothing is written.
  IF p->>'automations_stamp' IS NOT NULL
     AND p->>'automations_stamp' IS DISTINCT FROM app.automations_stamp(v_ws, p->'trigger_types') THEN
    RETURN jsonb_build_object('status', 'stale');
  END IF;
  IF p->>'members_stamp' IS NOT NULL AND p->>'members_stamp' IS DISTINCT FROM app.members_stamp(v_ws) THEN
    RETURN jsonb_build_object('status', 'stale');
  END IF;

  -- 2. The claim: (source, webhook-id) for a webhook or a replay, (workspace, idempotency key) for
  --    an internal event. A concurrent redelivery waits here for the first to commit, then inserts nothing.
  INSERT INTO public.events (id, workspace_id, source_id, external_id, type, entity_type, entity_id, payload, occurred_at, received_at, origin)
  VALUES ((p->>'event_id')::uuid, v_ws, v_source, p->>'external_id', v_type, v_event->'entity'->>'type',
          v_event->'entity'->>'id', v_event, v_occurred, v_received, coalesce(p->>'origin', 'webhook'))
  ON CONFLICT DO NOTHING
  RETURNING id INTO v_claimed;
  IF v_claimed IS NULL THEN
    RETURN jsonb_build_object('status', 'duplicate');
  END IF;

  IF v_source IS NOT NULL THEN
    -- 3. The delivery log: why nothing ran (when nothing did) and the body's first characters.
    INSERT INTO public.inbound_deliveries (workspace_id, source_id, external_id, outcome, http_status, reason, snippet, event_id, received_at)
    VALUES (v_ws, v_source, p->>'external_id', 'accepted', 200, p->>'no_run_reason', p->>'snippet', v_claimed, v_received);

    -- 4. The entity's snapshot, and whether this event is stale. The newest occurred_at wins, and a
    --    delete ends the entity until it is created again; the upsert's row lock makes the verdict
    --    exact when two processes race. A conflicting row that is not updated is still locked.
    INSERT INTO public.entity_snapshots AS s (workspace_id, entity_type, entity_id, data, last_occurred_at, last_activity_at, open, deleted, updated_at)
    VALUES (v_ws, v_event->'entity'->>'type', v_event->'entity'->>'id', v_event->'entity'->'data', v_occurred, v_occurred,
            NOT (v_type LIKE '%.deleted' OR coalesce(v_event->'entity'->'data'->>'status', '') IN ('won', 'lost')),
            v_type LIKE '%.deleted', v_received)
    ON CONFLICT ON CONSTRAINT entity_snapshots_pkey DO UPDATE
      SET data = excluded.data, last_occurred_at = excluded.last_occurred_at,
          last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at), open = excluded.open,
          deleted = excluded.deleted, updated_at = excluded.updated_at
      WHERE s.last_occurred_at <= excluded.last_occurred_at AND (NOT s.deleted OR v_type LIKE '%.created')
    RETURNING true INTO v_fresh;
    IF v_fresh IS NULL THEN
      SELECT s.last_occurred_at, s.deleted INTO v_newest, v_was_deleted FROM public.entity_snapshots s
      WHERE s.workspace_id = v_ws AND s.entity_type = v_event->'entity'->>'type' AND s.entity_id = v_event->'entity'->>'id';
      v_stale := CASE
        WHEN v_newest > v_occurred THEN format('a newer change from %s was already processed', to_char(v_newest AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'))
        ELSE format('the %s was deleted (%s) and has not been created again', v_event->'entity'->>'type', to_char(v_newest AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'))
      END;
    END IF;
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

  -- 5. A stale event's runs are recorded as skipped, with the reason in the trace, and nothing else.
  IF v_stale IS NOT NULL THEN
    INSERT INTO public.automation_runs (id, workspace_id, automation_id, automation_owner_id, automation_version, event_id,
      event_type, entity_id, status, trace, error, duration_micros, created_at, finished_at)
    SELECT r.id, v_ws, r.automation_id, r.owner_id, r.version, v_claimed, v_type, v_event->'entity'->>'id',
      'skipped', r.trace || jsonb_build_object('stale', jsonb_build_object('reason', v_stale, 'newerAt', v_newest)), NULL,
      r.duration_micros, v_received, r.finished_at
    FROM jsonb_to_recordset(p->'runs') AS r(id uuid, automation_id uuid, owner_id uuid, version int, trace jsonb,
      duration_micros int, finished_at timestamptz);
    RETURN jsonb_build_object('status', 'recorded', 'disabled', 0, 'outdated', v_stale);
  END IF;

  -- 6. Runs, their actions and their effects.
  INSERT INTO public.automation_runs (id, workspace_id, automation_id, automation_owner_id, automation_version, event_id,
    event_type, entity_id, status, trace, error, problem, duration_micros, created_at, finished_at)
  SELECT r.id, v_ws, r.automation_id, r.owner_id, r.version, v_claimed, v_type, v_event->'entity'->>'id',
    r.status, r.trace, r.error, r.problem, r.duration_micros, v_received, r.finished_at
  FROM jsonb_to_recordset(p->'runs') AS r(id uuid, automation_id uuid, owner_id uuid, version int, status text, trace jsonb,
    error text, problem text, duration_micros int, finished_at timestamptz);

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

  -- 7. Failure streaks. A success ends one (rows already at 0 are not touched, so not locked); a
  --    failure of the automation's own extends it. An event's problem (problem set) counts for nothing.
  UPDATE public.automations a SET consecutive_failures = 0
  WHERE a.id IN (SELECT (r->>'automation_id')::uuid FROM jsonb_array_elements(p->'runs') r WHERE r->>'status' = 'succeeded')
    AND a.consecutive_failures <> 0;
  FOR v_failure IN
    SELECT r.id, r.automation_id, r.error
    FROM jsonb_to_recordset(p->'runs') AS r(id uuid, automation_id uuid, status text, error text, problem text)
    WHERE r.status = 'failed' AND r.problem IS NULL
    ORDER BY r.automation_id
  LOOP
    v_disabled := v_disabled + app.count_run_failure(v_ws, v_failure.automation_id, v_failure.id, v_failure.error, v_received, p);
  END LOOP;

  -- 8. Event problems: one grouped notification per cause for the admins, counting events.
  IF jsonb_array_length(coalesce(p->'problems', '[]')) > 0 THEN
    SELECT array_agg(m.user_id) INTO v_admins FROM public.workspace_members m WHERE m.workspace_id = v_ws AND m.role = 'admin';
    FOR v_problem IN
      SELECT x.* FROM jsonb_to_recordset(p->'problems') AS x(key text, title_one text, title_many text, body text, link text, run_id uuid)
      ORDER BY x.key
    LOOP
      PERFORM app.notify_grouped(v_ws, v_admins, v_problem.key, v_problem.title_one, v_problem.title_many, v_problem.body,
        v_problem.link, NULL, v_problem.run_id, v_received);
    END LOOP;
  END IF;

  RETURN jsonb_build_object('status', 'recorded', 'disabled', v_disabled);
END
$$;
--> statement-breakpoint
-- A delivery that finally failed fails its run and counts like a failure of the automation's own.
CREATE OR REPLACE FUNCTION app.record_delivery_failure(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_run constant uuid := (p->>'run_id')::uuid;
  v_error constant text := p->>'error';
  v_now constant timestamptz := (p->>'now')::timestamptz;
  v_ws uuid;
  v_automation uuid;
  v_prior text;
BEGIN
  SELECT r.workspace_id, r.automation_id, r.status INTO v_ws, v_automation, v_prior
  FROM public.automation_runs r WHERE r.id = v_run FOR UPDATE;
  -- A run already failed (an earlier delivery of it) counts once.
  IF v_ws IS NULL OR v_prior = 'failed' THEN
    RETURN jsonb_build_object('counted', false, 'disabled', 0);
  END IF;
  UPDATE public.automation_runs SET status = 'failed', error = v_error WHERE id = v_run;
  RETURN jsonb_build_object('counted', true,
    'disabled', app.count_run_failure(v_ws, v_automation, v_run, v_error, v_now, p || jsonb_build_object('alert_email', true)));
END
$$;
--> statement-breakpoint
-- CREATE OR REPLACE drops a function's SET clauses: put back the 3 s lock_timeout of 0016.
ALTER FUNCTION app.record_event(jsonb) SET lock_timeout = '3s';
--> statement-breakpoint
ALTER FUNCTION app.record_events(jsonb[]) SET lock_timeout = '3s';
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app.notify_grouped(uuid, uuid[], text, text, text, text, text, uuid, uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app.count_run_failure(uuid, uuid, uuid, text, timestamptz, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.notify_grouped(uuid, uuid[], text, text, text, text, text, uuid, uuid, timestamptz) TO service_role;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.count_run_failure(uuid, uuid, uuid, text, timestamptz, jsonb) TO service_role;
