-- Health per automation (lib/runs/health-rollup.ts): one row per automation and closed day in the
-- workspace's time zone, written by the periodic job "health_rollup", never by the event's own
-- transaction (a per-day counter updated by every event would serialise concurrent events on it).
-- Today, and any day not rolled up yet, is counted live from the run indexes.
CREATE TABLE app.automation_health_days (
  automation_id uuid NOT NULL REFERENCES public.automations(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  day date NOT NULL,
  -- Runs by outcome ({"succeeded": 12, "failed": 1, …}): every status, so a new one is kept too.
  outcomes jsonb NOT NULL,
  -- Finished runs' durations as a log-scale histogram ({bucket: runs}); see durationBucket().
  durations jsonb NOT NULL,
  -- Deliveries (outbound email and webhooks) that ended that day: {"delivered": n, "failed": n}.
  deliveries jsonb NOT NULL,
  CONSTRAINT automation_health_days_pkey PRIMARY KEY (automation_id, day)
);
--> statement-breakpoint
CREATE INDEX automation_health_days_workspace_day_idx ON app.automation_health_days (workspace_id, day);
--> statement-breakpoint
-- Per workspace: the time zone its rows were counted in and the last day rolled up. The rollup of a
-- day advances through_day in the transaction that writes the day's rows, so a day is counted once.
-- The day after it (today) is rolled up so far, up to partial_until, and counted live from there.
CREATE TABLE app.health_rollup_state (
  workspace_id uuid PRIMARY KEY REFERENCES public.workspaces(id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  through_day date NOT NULL,
  partial_until timestamptz
);
--> statement-breakpoint
-- No policies and no grants: the service path writes and reads them after row-level security on
-- automations decided what the reader may see (lib/runs/automation-health.ts).
ALTER TABLE app.automation_health_days ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE app.health_rollup_state ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON app.automation_health_days, app.health_rollup_state FROM PUBLIC;
--> statement-breakpoint
-- The deliveries that ended on a day, for the rollup and for today's live count.
CREATE INDEX IF NOT EXISTS outbox_attempts_workspace_final_idx ON public.outbox_attempts (workspace_id, started_at) WHERE outcome IN ('delivered', 'failed');
--> statement-breakpoint
INSERT INTO app.periodic_jobs (name, next_run_at) VALUES ('health_rollup', now()) ON CONFLICT (name) DO NOTHING;
