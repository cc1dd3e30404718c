import { eq } from "drizzle-orm";
import { activityTypes, customFields, pipelineStages, pipelines } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";

// The field catalog (drizzle/0024): every member reads their workspace's, admins write it, nobody
// reaches another workspace's, anon nothing.
const READERS = (team: string, other: string) => ({ memberA: [team], memberB: [team], admin: [team], outsider: [other], anon: [] });

export const catalogCases: RlsCase[] = [
  ...visibility("pipelines", (tx) => tx.select({ id: pipelines.id }).from(pipelines), READERS("pipelineTeam", "pipelineOther")),
  write("pipelines", "admin", "adds a pipeline", ONE, (tx, w) =>
    tx.insert(pipelines).values({ workspaceId: w.workspace.id, name: "New" }).returning({ id: pipelines.id }),
  ),
  write("pipelines", "memberA", "cannot add a pipeline", DENIED, (tx, w) =>
    tx.insert(pipelines).values({ workspaceId: w.workspace.id, name: "New" }).returning({ id: pipelines.id }),
  ),
  write("pipelines", "memberB", "cannot rename a pipeline", NONE, (tx, w) =>
    tx.update(pipelines).set({ name: "Renamed" }).where(eq(pipelines.id, w.ids.pipelineTeam)).returning({ id: pipelines.id }),
  ),
  write("pipelines", "outsider", "cannot delete another workspace's pipeline", NONE, (tx, w) =>
    tx.delete(pipelines).where(eq(pipelines.id, w.ids.pipelineTeam)).returning({ id: pipelines.id }),
  ),
  write("pipelines", "anon", "cannot add a pipeline", DENIED, (tx, w) =>
    tx.insert(pipelines).values({ workspaceId: w.workspace.id, name: "New" }).returning({ id: pipelines.id }),
  ),

  ...visibility("pipeline_stages", (tx) => tx.select({ id: pipelineStages.id }).from(pipelineStages), READERS("stageTeam", "stageOther")),
  write("pipeline_stages", "admin", "adds a stage", ONE, (tx, w) =>
    tx.insert(pipelineStages).values({ workspaceId: w.workspace.id, pipelineId: w.ids.pipelineTeam, stageKey: "9", label: "Nine", position: 1 }).returning({ id: pipelineStages.id }),
  ),
  write("pipeline_stages", "memberA", "cannot add a stage", DENIED, (tx, w) =>
    tx.insert(pipelineStages).values({ workspaceId: w.workspace.id, pipelineId: w.ids.pipelineTeam, stageKey: "9", label: "Nine", position: 1 }).returning({ id: pipelineStages.id }),
  ),
  write("pipeline_stages", "memberB", "cannot remove a stage", NONE, (tx, w) =>
    tx.delete(pipelineStages).where(eq(pipelineStages.id, w.ids.stageTeam)).returning({ id: pipelineStages.id }),
  ),
  write("pipeline_stages", "outsider", "cannot add a stage to another workspace's pipeline", DENIED, (tx, w) =>
    tx.insert(pipelineStages).values({ workspaceId: w.workspace.id, pipelineId: w.ids.pipelineTeam, stageKey: "9", label: "Nine", position: 1 }).returning({ id: pipelineStages.id }),
  ),
  write("pipeline_stages", "anon", "cannot relabel a stage", DENIED, (tx, w) =>
    tx.update(pipelineStages).set({ label: "X" }).where(eq(pipelineStages.id, w.ids.stageTeam)).returning({ id: pipelineStages.id }),
  ),

  ...visibility("activity_types", (tx) => tx.select({ id: activityTypes.id }).from(activityTypes), READERS("activityTypeTeam", "activityTypeOther")),
  write("activity_types", "admin", "adds an activity type", ONE, (tx, w) =>
    tx.insert(activityTypes).values({ workspaceId: w.workspace.id, key: "lunch", label: "Lunch", position: 1 }).returning({ id: activityTypes.id }),
  ),
  write("activity_types", "memberA", "cannot add an activity type", DENIED, (tx, w) =>
    tx.insert(activityTypes).values({ workspaceId: w.workspace.id, key: "lunch", label: "Lunch", position: 1 }).returning({ id: activityTypes.id }),
  ),
  write("activity_types", "memberB", "cannot remove an activity type", NONE, (tx, w) =>
    tx.delete(activityTypes).where(eq(activityTypes.id, w.ids.activityTypeTeam)).returning({ id: activityTypes.id }),
  ),
  write("activity_types", "outsider", "cannot relabel another workspace's activity type", NONE, (tx, w) =>
    tx.update(activityTypes).set({ label: "X" }).where(eq(activityTypes.id, w.ids.activityTypeTeam)).returning({ id: activityTypes.id }),
  ),
  write("activity_types", "anon", "cannot add an activity type", DENIED, (tx, w) =>
    tx.insert(activityTypes).values({ workspaceId: w.workspace.id, key: "lunch", label: "Lunch", position: 1 }).returning({ id: activityTypes.id }),
  ),

  ...visibility("custom_fields", (tx) => tx.select({ id: customFields.id }).from(customFields), READERS("customFieldTeam", "customFieldOther")),
  write("custom_fields", "admin", "adds a custom field", ONE, (tx, w) =>
    tx.insert(customFields).values({ workspaceId: w.workspace.id, entity: "deal", key: "tier", label: "Tier", type: "text" }).returning({ id: customFields.id }),
  ),
  write("custom_fields", "admin", "changes a custom field", ONE, (tx, w) =>
    tx.update(customFields).set({ label: "Renamed" }).where(eq(customFields.id, w.ids.customFieldTeam)).returning({ id: customFields.id }),
  ),
  write("custom_fields", "memberA", "cannot add a custom field", DENIED, (tx, w) =>
    tx.insert(customFields).values({ workspaceId: w.workspace.id, entity: "deal", key: "tier", label: "Tier", type: "text" }).returning({ id: customFields.id }),
  ),
  write("custom_fields", "memberB", "cannot remove a custom field", NONE, (tx, w) =>
    tx.delete(customFields).where(eq(customFields.id, w.ids.customFieldTeam)).returning({ id: customFields.id }),
  ),
  write("custom_fields", "outsider", "cannot add a field to another workspace", DENIED, (tx, w) =>
    tx.insert(customFields).values({ workspaceId: w.workspace.id, entity: "deal", key: "tier", label: "Tier", type: "text" }).returning({ id: customFields.id }),
  ),
  write("custom_fields", "anon", "cannot add a custom field", DENIED, (tx, w) =>
    tx.insert(customFields).values({ workspaceId: w.workspace.id, entity: "deal", key: "tier", label: "Tier", type: "text" }).returning({ id: customFields.id }),
  ),
];
