import type { Db } from "./client";
import { activityTypes, customFields, pipelineStages, pipelines } from "./schema";

/**
 * The field-catalog rows of the row-level security world: per workspace a pipeline with one
 * stage, an activity type and a custom field. Written on the service path.
 */
export async function buildCatalogRows(db: Db, p: { ws: string; other: string }) {
  const rows = async (workspaceId: string, tag: string) => {
    const [pipeline] = await db.insert(pipelines).values({ workspaceId, name: `Pipeline ${tag}` }).returning({ id: pipelines.id });
    const [stage] = await db
      .insert(pipelineStages)
      .values({ workspaceId, pipelineId: pipeline.id, stageKey: `stage-${tag}`, label: `Stage ${tag}`, position: 0 })
      .returning({ id: pipelineStages.id });
    const [type] = await db.insert(activityTypes).values({ workspaceId, key: `type-${tag}`, label: `Type ${tag}`, position: 0 }).returning({ id: activityTypes.id });
    const [field] = await db.insert(customFields).values({ workspaceId, entity: "deal", key: `field_${tag}`, label: `Field ${tag}`, type: "text" }).returning({ id: customFields.id });
    return { pipeline: pipeline.id, stage: stage.id, type: type.id, field: field.id };
  };
  const team = await rows(p.ws, "team");
  const other = await rows(p.other, "other");
  return {
    pipelineTeam: team.pipeline, pipelineOther: other.pipeline,
    stageTeam: team.stage, stageOther: other.stage,
    activityTypeTeam: team.type, activityTypeOther: other.type,
    customFieldTeam: team.field, customFieldOther: other.field,
  };
}
