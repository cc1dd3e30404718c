// Pipelines and their stages: save one (its name and whole stage list, in order), import a stage
// list from pasted JSON, delete one. Runs as the user, so the database's policies decide (admins
// write); every change is one transaction, and bad input changes nothing.

import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pipelines, pipelineStages } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { PG, pgErrorCode } from "@/lib/auth/pg-error";
import { stageMatchKey } from "@/lib/automations/field-catalog";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { MAX_PIPELINES, pipelineInputSchema, type PipelineInput } from "./catalog-input";
import { invalidateFieldCatalog } from "./get-field-catalog";
import { parseStageImport } from "./parse-stage-import";

export type CatalogScope = { claims: UserClaims; workspaceId: string };

export const ADMINS_ONLY = "Only workspace admins can change pipelines, activity types and custom fields.";

/** Runs a catalog change as the user; maps refusals to messages and forgets the cached catalog. */
export async function changeCatalog<T>(db: Db, scope: CatalogScope, change: (tx: Tx) => Promise<T>, conflict?: string): Promise<T> {
  try {
    return await withUser(db, scope.claims, change);
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === PG.insufficientPrivilege) throw new AppError("forbidden", ADMINS_ONLY, undefined, { cause: error });
    if (code === PG.uniqueViolation && conflict) throw new AppError("conflict", conflict, undefined, { cause: error });
    throw error;
  } finally {
    invalidateFieldCatalog(scope.workspaceId);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from the client: one that is not a uuid names nothing (rather than a database error). */
export function requireId(id: unknown, what: string): string {
  if (typeof id !== "string" || !UUID.test(id)) throw new AppError("not_found", `This ${what} no longer exists. Reload the page.`);
  return id;
}

function invalid(message: string, fieldErrors?: Record<string, string>): AppError {
  return new AppError("invalid_input", message, fieldErrors);
}

/** Stage ids are unique in the workspace: an event names its stage, not its pipeline. */
async function checkStagesFree(tx: Tx, workspaceId: string, input: PipelineInput, pipelineId: string | null): Promise<void> {
  const taken = await tx
    .select({ key: pipelineStages.stageKey, pipeline: pipelines.name })
    .from(pipelineStages)
    .innerJoin(pipelines, eq(pipelines.id, pipelineStages.pipelineId))
    .where(and(eq(pipelineStages.workspaceId, workspaceId), pipelineId ? ne(pipelineStages.pipelineId, pipelineId) : sql`true`));
  const owner = new Map(taken.map((row) => [stageMatchKey(row.key), row.pipeline]));
  const errors: Record<string, string> = {};
  input.stages.forEach((stage, index) => {
    const pipeline = owner.get(stageMatchKey(stage.id));
    if (pipeline) errors[`stages.${index}.id`] = `Stage id “${stage.id}” is already used in the pipeline “${pipeline}”`;
  });
  const first = Object.values(errors)[0];
  if (first) throw invalid(first, errors);
}

async function writePipeline(tx: Tx, workspaceId: string, input: PipelineInput): Promise<string> {
  let id = input.id ?? null;
  if (id) {
    const updated = await tx
      .update(pipelines)
      .set({ name: input.name })
      .where(and(eq(pipelines.id, id), eq(pipelines.workspaceId, workspaceId)))
      .returning({ id: pipelines.id });
    if (updated.length === 0) throw new AppError("not_found", "This pipeline no longer exists. Reload the page.");
  } else {
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(pipelines).where(eq(pipelines.workspaceId, workspaceId));
    if (count >= MAX_PIPELINES) throw invalid(`A workspace has at most ${MAX_PIPELINES} pipelines`);
    [{ id }] = await tx.insert(pipelines).values({ workspaceId, name: input.name, position: count }).returning({ id: pipelines.id });
  }
  await checkStagesFree(tx, workspaceId, input, input.id ?? null);
  await tx.delete(pipelineStages).where(eq(pipelineStages.pipelineId, id!));
  await tx.insert(pipelineStages).values(input.stages.map((stage, position) => ({ workspaceId, pipelineId: id!, stageKey: stage.id, label: stage.label, position })));
  return id!;
}

/** Creates a pipeline (no `id`) or replaces one's name and stage list; the pipeline's id. */
export async function savePipeline(db: Db, params: CatalogScope & { input: unknown }): Promise<{ id: string }> {
  const parsed = pipelineInputSchema.safeParse(params.input);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === "id")) requireId(null, "pipeline");
    throw invalid(parsed.error.issues[0]?.message ?? "Check the pipeline", fieldErrorsFromIssues(parsed.error.issues));
  }
  const name = parsed.data.name;
  const id = await changeCatalog(db, params, (tx) => writePipeline(tx, params.workspaceId, parsed.data), `A pipeline named “${name}” already exists`);
  return { id };
}

export type ImportStagesParams = CatalogScope & { pipelineId?: string; name?: string; json: string };

/** Replaces a pipeline's stages (or creates one named `name`) from pasted JSON; nothing changes on bad input. */
export async function importPipelineStages(db: Db, params: ImportStagesParams): Promise<{ id: string; stages: { id: string; label: string }[] }> {
  const parsed = parseStageImport(params.json);
  if (!parsed.ok) throw invalid(`The stages were not imported: ${parsed.errors.join("; ")}`, { json: parsed.errors.join("; ") });
  let name = params.name;
  if (params.pipelineId !== undefined) {
    requireId(params.pipelineId, "pipeline");
    const [row] = await withUser(db, params.claims, (tx) =>
      tx.select({ name: pipelines.name }).from(pipelines).where(and(eq(pipelines.id, params.pipelineId!), eq(pipelines.workspaceId, params.workspaceId))),
    );
    if (!row) throw new AppError("not_found", "This pipeline no longer exists. Reload the page.");
    name = row.name;
  }
  const saved = await savePipeline(db, { ...params, input: { id: params.pipelineId, name, stages: parsed.stages } });
  return { id: saved.id, stages: parsed.stages };
}

export async function deletePipeline(db: Db, params: CatalogScope & { pipelineId: string }): Promise<void> {
  requireId(params.pipelineId, "pipeline");
  const deleted = await changeCatalog(db, params, (tx) =>
    tx.delete(pipelines).where(and(eq(pipelines.id, params.pipelineId), eq(pipelines.workspaceId, params.workspaceId))).returning({ id: pipelines.id }),
  );
  if (deleted.length === 0) throw new AppError("not_found", "This pipeline no longer exists, or only admins can delete it.");
}
