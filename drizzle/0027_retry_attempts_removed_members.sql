-- Issue 22: each retry of a run with the version it used, and the people removed from a workspace
-- (so an automation still naming one can say who).
CREATE TABLE public.run_attempts (
  run_id uuid NOT NULL REFERENCES public.automation_runs(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL,
  attempt integer NOT NULL,
  automation_version integer NOT NULL,
  mode text NOT NULL,
  status text NOT NULL,
  error text,
  actions jsonb NOT NULL DEFAULT '[]'::jsonb,
  retried_by uuid REFERENCES auth.users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT run_attempts_pkey PRIMARY KEY (run_id, attempt),
  CONSTRAINT run_attempts_mode_check CHECK (mode IN ('original', 'as_ran', 'current')),
  CONSTRAINT run_attempts_status_check CHECK (status IN ('succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE public.removed_members (
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  email text NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT removed_members_pkey PRIMARY KEY (workspace_id, user_id)
);
--> statement-breakpoint
GRANT SELECT ON public.run_attempts, public.removed_members TO anon, authenticated;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.run_attempts, public.removed_members TO service_role;
--> statement-breakpoint
ALTER TABLE public.run_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.removed_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Attempts follow their run (its policies apply inside the subquery); only the retry path writes.
CREATE POLICY run_attempts_select ON public.run_attempts FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM public.automation_runs r WHERE r.id = run_id));
--> statement-breakpoint
CREATE POLICY removed_members_select ON public.removed_members FOR SELECT TO authenticated
  USING (app.is_member(workspace_id));
--> statement-breakpoint
-- Whoever removes a member, by whatever path, leaves their address behind; re-adding them clears it.
-- Not while the workspace or the account itself is being deleted (their rows go with it).
CREATE OR REPLACE FUNCTION app.note_removed_member() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM public.workspaces w WHERE w.id = OLD.workspace_id)
       AND EXISTS (SELECT 1 FROM auth.users u WHERE u.id = OLD.user_id) THEN
      INSERT INTO public.removed_members (workspace_id, user_id, email)
      SELECT OLD.workspace_id, OLD.user_id, p.email FROM public.profiles p WHERE p.id = OLD.user_id
      ON CONFLICT (workspace_id, user_id) DO UPDATE SET email = EXCLUDED.email, removed_at = now();
    END IF;
    RETURN NULL;
  END IF;
  DELETE FROM public.removed_members WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workspace_members_note_removed AFTER INSERT OR DELETE ON public.workspace_members
FOR EACH ROW EXECUTE FUNCTION app.note_removed_member();
