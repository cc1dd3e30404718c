-- Row-level security for every table. Policies read auth.uid(); membership checks go through
-- SECURITY DEFINER helpers so a policy on workspace_members never recurses into itself.
CREATE SCHEMA IF NOT EXISTS app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA app TO anon, authenticated, service_role;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.is_member(ws uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.workspace_members m
    WHERE m.workspace_id = ws AND m.user_id = auth.uid()
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.is_admin(ws uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.workspace_members m
    WHERE m.workspace_id = ws AND m.user_id = auth.uid() AND m.role = 'admin'
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.shares_workspace(other uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.workspace_members mine
    JOIN public.workspace_members theirs ON theirs.workspace_id = mine.workspace_id
    WHERE mine.user_id = auth.uid() AND theirs.user_id = other
  )
$$;
--> statement-breakpoint
-- The last admin of a workspace can be neither removed nor demoted, whoever asks.
CREATE OR REPLACE FUNCTION app.keep_one_admin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF OLD.role = 'admin'
     AND (TG_OP = 'DELETE' OR NEW.role <> 'admin')
     AND EXISTS (SELECT 1 FROM public.workspaces w WHERE w.id = OLD.workspace_id)
     AND NOT EXISTS (
       SELECT 1 FROM public.workspace_members m
       WHERE m.workspace_id = OLD.workspace_id AND m.role = 'admin' AND m.user_id <> OLD.user_id
     ) THEN
    RAISE EXCEPTION 'a workspace must keep at least one admin' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workspace_members_keep_one_admin
BEFORE UPDATE OR DELETE ON public.workspace_members
FOR EACH ROW EXECUTE FUNCTION app.keep_one_admin();
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.is_member(uuid), app.is_admin(uuid), app.shares_workspace(uuid) TO anon, authenticated, service_role;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  public.workspaces, public.profiles, public.workspace_members, public.automations,
  public.webhook_sources, public.events, public.inbound_deliveries, public.automation_runs,
  public.run_actions, public.activities, public.notifications, public.outbox
TO authenticated, service_role;
--> statement-breakpoint
GRANT SELECT ON
  public.workspaces, public.profiles, public.workspace_members, public.automations,
  public.webhook_sources, public.events, public.inbound_deliveries, public.automation_runs,
  public.run_actions, public.activities, public.notifications, public.outbox
TO anon;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO authenticated, service_role;
--> statement-breakpoint
ALTER TABLE public.workspaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.workspace_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.sign_in_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.automations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.webhook_sources ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.inbound_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.automation_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.run_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.activities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- workspaces: members read theirs, admins rename. Creation happens at sign-up on the service path.
CREATE POLICY workspaces_select ON public.workspaces FOR SELECT TO authenticated
  USING (app.is_member(id));
--> statement-breakpoint
CREATE POLICY workspaces_update ON public.workspaces FOR UPDATE TO authenticated
  USING (app.is_admin(id)) WITH CHECK (app.is_admin(id));
--> statement-breakpoint
-- profiles: your own, and those of people you share a workspace with.
CREATE POLICY profiles_select ON public.profiles FOR SELECT TO authenticated
  USING (id = (SELECT auth.uid()) OR app.shares_workspace(id));
--> statement-breakpoint
CREATE POLICY profiles_update ON public.profiles FOR UPDATE TO authenticated
  USING (id = (SELECT auth.uid())) WITH CHECK (id = (SELECT auth.uid()));
--> statement-breakpoint
-- workspace_members: members see the roster, admins manage it.
CREATE POLICY workspace_members_select ON public.workspace_members FOR SELECT TO authenticated
  USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY workspace_members_insert ON public.workspace_members FOR INSERT TO authenticated
  WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY workspace_members_update ON public.workspace_members FOR UPDATE TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY workspace_members_delete ON public.workspace_members FOR DELETE TO authenticated
  USING (app.is_admin(workspace_id));
--> statement-breakpoint
-- automations: a member manages their own, an admin every one of the workspace.
CREATE POLICY automations_select ON public.automations FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR (owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
CREATE POLICY automations_insert ON public.automations FOR INSERT TO authenticated
  WITH CHECK (app.is_admin(workspace_id) OR (owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
CREATE POLICY automations_update ON public.automations FOR UPDATE TO authenticated
  USING (app.is_admin(workspace_id) OR (owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)))
  WITH CHECK (app.is_admin(workspace_id) OR (owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
CREATE POLICY automations_delete ON public.automations FOR DELETE TO authenticated
  USING (app.is_admin(workspace_id) OR (owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
-- webhook sources and the inbound delivery log: admins only.
CREATE POLICY webhook_sources_admin ON public.webhook_sources FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY inbound_deliveries_select ON public.inbound_deliveries FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id));
--> statement-breakpoint
-- runs: admins read the workspace's, members the runs of their own automations. Written by the
-- service path only.
CREATE POLICY automation_runs_select ON public.automation_runs FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR (automation_owner_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
CREATE POLICY run_actions_select ON public.run_actions FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM public.automation_runs r WHERE r.id = run_id));
--> statement-breakpoint
CREATE POLICY events_select ON public.events FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR EXISTS (SELECT 1 FROM public.automation_runs r WHERE r.event_id = id));
--> statement-breakpoint
-- activities: the assignee reads and completes theirs; admins see the workspace's.
CREATE POLICY activities_select ON public.activities FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id) OR (assignee_id = (SELECT auth.uid()) AND app.is_member(workspace_id)));
--> statement-breakpoint
CREATE POLICY activities_update ON public.activities FOR UPDATE TO authenticated
  USING (assignee_id = (SELECT auth.uid()) AND app.is_member(workspace_id))
  WITH CHECK (assignee_id = (SELECT auth.uid()) AND app.is_member(workspace_id));
--> statement-breakpoint
-- notifications: only their recipient.
CREATE POLICY notifications_select ON public.notifications FOR SELECT TO authenticated
  USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY notifications_update ON public.notifications FOR UPDATE TO authenticated
  USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY outbox_select ON public.outbox FOR SELECT TO authenticated
  USING (app.is_admin(workspace_id));
