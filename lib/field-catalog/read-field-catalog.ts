// Reads a workspace's catalog configuration in one statement (one snapshot, one round trip), with
// the automations revision it was read under. Runs on whatever connection it is given: the service
// path for the ingest cache, a user's transaction (withUser) for the settings page.

import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Tx } from "@/db/with-user";
import type { FieldCatalogConfig } from "@/lib/automations/field-catalog";

export type StoredFieldCatalog = { rev: string; config: FieldCatalogConfig };

const PIPELINES = sql`coalesce((
  select json_agg(json_build_object('id', p.id, 'name', p.name, 'stages', coalesce((
    select json_agg(json_build_object('id', s.stage_key, 'label', s.label) order by s.position, s.stage_key)
    from public.pipeline_stages s where s.pipeline_id = p.id), '[]'::json)) order by p.position, p.name)
  from public.pipelines p where p.workspace_id = workspaces.id), '[]'::json)`;

const ACTIVITY_TYPES = sql`coalesce((
  select json_agg(json_build_object('value', t.key, 'label', t.label) order by t.position, t.key)
  from public.activity_types t where t.workspace_id = workspaces.id), '[]'::json)`;

const CUSTOM_FIELDS = sql`coalesce((
  select json_agg(json_build_object('id', f.id, 'entity', f.entity, 'key', f.key, 'label', f.label, 'type', f.type, 'options', f.options)
    order by f.entity, f.position, f.created_at)
  from public.custom_fields f where f.workspace_id = workspaces.id), '[]'::json)`;

function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** Null when the workspace does not exist (or, as a user, is not theirs). */
export async function readFieldCatalog(db: Db | Tx, workspaceId: string): Promise<StoredFieldCatalog | null> {
  const [row] = await db
    .select({ rev: workspaces.automationsRev, pipelines: PIPELINES, activityTypes: ACTIVITY_TYPES, customFields: CUSTOM_FIELDS })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) return null;
  return {
    rev: String(row.rev),
    config: {
      pipelines: json(row.pipelines),
      activityTypes: json(row.activityTypes),
      customFields: json(row.customFields),
    },
  };
}
