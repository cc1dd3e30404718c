-- app.record_event, again (first written in 0005_record_event.sql), with two additions:
-- * run_actions.config: the rendered config of each action that did not succeed, so a retry runs
--   what was planned when the automation has changed since (lib/runs/retry-run.ts);
-- * failure alerts: each failed run notifies the automation's owner and the workspace's admins
--   (kind 'alert', linking to the run), and queues an email per recipient when the caller says email
--   is configured, at most alert_max_hour an hour and alert_max_day a day per automation. They live
--   in the failure loop, so an event without a failed run does no extra work and the event still
--   commits once.
CREATE OR REPLACE FUNCTION app.record_event(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_ws constant uuid := (p->>'workspace_id')::uuid;
  v_source constant uuid := (p->>'source_id')::uuid;
  v_received constant timestamptz := (p->>'received_at')::timestamptz;
  v_event constant jsonb := p->'event';
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
  INSERT INTO public.events (id, workspace_id, source_id, external_id, type, entity_type, entity_id, payload, occurred_at, received_at)
  VALUES ((p->>'event_id')::uuid, v_ws, v_source, p->>'external_id', v_event->>'type', v_event->'entity'->>'type',
          v_event->'entity'->>'id', v_event, (v_event->>'occurredAt')::timestamptz, v_received)
  ON CONFLICT ON CONSTRAINT events_source_external_id_key DO NOTHING
  RETURNING id INTO v_claimed;
  IF v_claimed IS NULL THEN
    RETURN jsonb_build_object('status', 'duplicate');
  END IF;

  INSERT INTO public.inbound_deliveries (workspace_id, source_id, external_id, outcome, http_status, event_id, received_at)
  VALUES (v_ws, v_source, p->>'external_id', 'accepted', 200, v_claimed, v_received);

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
