-- events_select compared automation_runs.event_id with automation_runs.id (the bare `id` bound to
-- the subquery's table), so members could read no event at all, not even the one their own run
-- was about. The run detail page shows that event to the run's reader: qualify the column.
DROP POLICY IF EXISTS events_select ON public.events;
--> statement-breakpoint
CREATE POLICY events_select ON public.events FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR EXISTS (SELECT 1 FROM public.automation_runs r WHERE r.event_id = events.id));
