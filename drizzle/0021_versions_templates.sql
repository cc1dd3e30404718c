-- Version history, soft delete and workspace templates (templates, versions, export/import).
-- A deleted automation keeps its row (deleted_at set, switched off) so its runs stay readable with
-- their versions; retention removes it for good once no run refers to it.
ALTER TABLE public.automations ADD COLUMN deleted_at timestamptz;
--> statement-breakpoint
-- Every definition an automation has had, immutable: the run page shows the one a run used.
CREATE TABLE public.automation_versions (
  automation_id uuid NOT NULL,
  workspace_id uuid NOT NULL,
  version integer NOT NULL,
  name text NOT NULL,
  description text,
  trigger jsonb NOT NULL,
  conditions jsonb,
  actions jsonb NOT NULL,
  author_id uuid REFERENCES auth.users(id) ON DELETE SET NULL,
  summary text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT automation_versions_pkey PRIMARY KEY (automation_id, version),
  CONSTRAINT automation_versions_automation_fk FOREIGN KEY (automation_id, workspace_id)
    REFERENCES public.automations(id, workspace_id) ON DELETE CASCADE
);
--> statement-breakpoint
-- The current definitions of automations made before versions were kept.
INSERT INTO public.automation_versions (automation_id, workspace_id, version, name, description, trigger, conditions, actions, author_id, summary, created_at)
SELECT a.id, a.workspace_id, a.version, a.name, a.description, a.trigger, a.conditions, a.actions, a.owner_id, 'Version recorded when history began', a.updated_at
FROM public.automations a;
--> statement-breakpoint
-- Templates an admin saved from the workspace's automations; every member may use them.
CREATE TABLE public.workspace_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  definition jsonb NOT NULL,
  created_by uuid REFERENCES auth.users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT workspace_templates_name_key UNIQUE (workspace_id, name),
  CONSTRAINT workspace_templates_name_check CHECK (length(name) BETWEEN 1 AND 120)
);
--> statement-breakpoint
GRANT SELECT, INSERT ON public.automation_versions TO authenticated, service_role;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.workspace_templates TO authenticated, service_role;
--> statement-breakpoint
GRANT SELECT ON public.automation_versions, public.workspace_templates TO anon;
--> statement-breakpoint
ALTER TABLE public.automation_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.workspace_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Versions: whoever may see the automation (its policies apply inside the subquery) reads its
-- versions; whoever may edit it writes them, as themselves. Nobody changes or removes one.
CREATE POLICY automation_versions_select ON public.automation_versions FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM public.automations a WHERE a.id = automation_id AND a.workspace_id = automation_versions.workspace_id));
--> statement-breakpoint
CREATE POLICY automation_versions_insert ON public.automation_versions FOR INSERT TO authenticated
  WITH CHECK (author_id = (SELECT auth.uid())
    AND EXISTS (SELECT 1 FROM public.automations a WHERE a.id = automation_id AND a.workspace_id = automation_versions.workspace_id));
--> statement-breakpoint
CREATE POLICY workspace_templates_select ON public.workspace_templates FOR SELECT TO authenticated
  USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY workspace_templates_write ON public.workspace_templates FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE INDEX automations_deleted_idx ON public.automations (deleted_at) WHERE deleted_at IS NOT NULL;
