-- A workspace's own field catalog (issue 26 §3): pipelines and their stages, activity types and
-- custom fields per entity. Members read them; admins change them. A change bumps the workspace's
-- automations_rev, so the ingest caches (automations, catalog) notice it through the stamp that
-- every event's write already checks.
CREATE TABLE public.pipelines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pipelines_id_workspace_key UNIQUE (id, workspace_id),
  CONSTRAINT pipelines_name_key UNIQUE (workspace_id, name),
  CONSTRAINT pipelines_name_check CHECK (length(name) BETWEEN 1 AND 100)
);
--> statement-breakpoint
-- `stage_key` is the stage's id as the CRM sends it ("negotiation", or Pipedrive's "3"): unique in
-- the workspace, since an event names a stage without its pipeline.
CREATE TABLE public.pipeline_stages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  stage_key text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  CONSTRAINT pipeline_stages_pipeline_fk FOREIGN KEY (pipeline_id, workspace_id)
    REFERENCES public.pipelines(id, workspace_id) ON DELETE CASCADE,
  CONSTRAINT pipeline_stages_key_key UNIQUE (workspace_id, stage_key),
  CONSTRAINT pipeline_stages_key_check CHECK (length(stage_key) BETWEEN 1 AND 100),
  CONSTRAINT pipeline_stages_label_check CHECK (length(label) BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE INDEX pipeline_stages_pipeline_idx ON public.pipeline_stages (pipeline_id, position);
--> statement-breakpoint
CREATE TABLE public.activity_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  key text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  CONSTRAINT activity_types_key_key UNIQUE (workspace_id, key),
  CONSTRAINT activity_types_key_check CHECK (key ~ '^[a-z0-9_-]{1,60}$'),
  CONSTRAINT activity_types_label_check CHECK (length(label) BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE public.custom_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES public.workspaces(id) ON DELETE CASCADE,
  entity text NOT NULL,
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL,
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT custom_fields_key_key UNIQUE (workspace_id, entity, key),
  CONSTRAINT custom_fields_entity_check CHECK (entity IN ('deal', 'contact', 'organization', 'activity')),
  CONSTRAINT custom_fields_type_check CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  CONSTRAINT custom_fields_key_check CHECK (key ~ '^[A-Za-z0-9_]{1,64}$'),
  CONSTRAINT custom_fields_label_check CHECK (length(label) BETWEEN 1 AND 100),
  CONSTRAINT custom_fields_options_check CHECK (jsonb_typeof(options) = 'array')
);
--> statement-breakpoint
CREATE TRIGGER pipelines_bump_rev AFTER INSERT OR UPDATE OR DELETE ON public.pipelines
FOR EACH ROW EXECUTE FUNCTION app.bump_automations_rev();
--> statement-breakpoint
CREATE TRIGGER pipeline_stages_bump_rev AFTER INSERT OR UPDATE OR DELETE ON public.pipeline_stages
FOR EACH ROW EXECUTE FUNCTION app.bump_automations_rev();
--> statement-breakpoint
CREATE TRIGGER activity_types_bump_rev AFTER INSERT OR UPDATE OR DELETE ON public.activity_types
FOR EACH ROW EXECUTE FUNCTION app.bump_automations_rev();
--> statement-breakpoint
CREATE TRIGGER custom_fields_bump_rev AFTER INSERT OR UPDATE OR DELETE ON public.custom_fields
FOR EACH ROW EXECUTE FUNCTION app.bump_automations_rev();
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.pipelines, public.pipeline_stages, public.activity_types, public.custom_fields TO authenticated, service_role;
--> statement-breakpoint
GRANT SELECT ON public.pipelines, public.pipeline_stages, public.activity_types, public.custom_fields TO anon;
--> statement-breakpoint
ALTER TABLE public.pipelines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.pipeline_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.activity_types ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.custom_fields ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pipelines_select ON public.pipelines FOR SELECT TO authenticated USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY pipelines_write ON public.pipelines FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY pipeline_stages_select ON public.pipeline_stages FOR SELECT TO authenticated USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY pipeline_stages_write ON public.pipeline_stages FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY activity_types_select ON public.activity_types FOR SELECT TO authenticated USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY activity_types_write ON public.activity_types FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
CREATE POLICY custom_fields_select ON public.custom_fields FOR SELECT TO authenticated USING (app.is_member(workspace_id));
--> statement-breakpoint
CREATE POLICY custom_fields_write ON public.custom_fields FOR ALL TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
