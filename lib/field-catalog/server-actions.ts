"use server";
// "Pipelines and fields" mutations: session first (admins only, with a clear message), then the
// domain function (which the database's policies guard again), then revalidate the pages that
// list fields. Only async exports in a "use server" file.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { AppError, toActionError, type ActionResult } from "@/lib/result";
import { deleteCustomField, saveActivityTypes, saveCustomField } from "./manage-fields";
import { ADMINS_ONLY, deletePipeline, importPipelineStages, savePipeline, type CatalogScope } from "./manage-pipelines";

async function asAdmin<T>(change: (scope: CatalogScope) => Promise<T>): Promise<ActionResult<T>> {
  const session = await requireSession();
  try {
    if (session.workspace.role !== "admin") throw new AppError("forbidden", ADMINS_ONLY);
    const data = await change({ claims: session.claims, workspaceId: session.workspace.id });
    revalidatePath("/settings", "layout");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function savePipelineAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return asAdmin(async (scope) => savePipeline((await getDb()).db, { ...scope, input }));
}

export async function deletePipelineAction(pipelineId: string): Promise<ActionResult<undefined>> {
  return asAdmin(async (scope) => {
    await deletePipeline((await getDb()).db, { ...scope, pipelineId: String(pipelineId) });
    return undefined;
  });
}

export async function importPipelineStagesAction(input: { pipelineId?: string; name?: string; json: string }): Promise<ActionResult<{ id: string; stages: { id: string; label: string }[] }>> {
  return asAdmin(async (scope) =>
    importPipelineStages((await getDb()).db, {
      ...scope,
      pipelineId: typeof input?.pipelineId === "string" && input.pipelineId ? input.pipelineId : undefined,
      name: typeof input?.name === "string" ? input.name : undefined,
      json: typeof input?.json === "string" ? input.json : "",
    }),
  );
}

export async function saveActivityTypesAction(input: unknown): Promise<ActionResult<{ count: number }>> {
  return asAdmin(async (scope) => saveActivityTypes((await getDb()).db, { ...scope, input }));
}

export async function saveCustomFieldAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return asAdmin(async (scope) => saveCustomField((await getDb()).db, { ...scope, input }));
}

export async function deleteCustomFieldAction(fieldId: string): Promise<ActionResult<undefined>> {
  return asAdmin(async (scope) => {
    await deleteCustomField((await getDb()).db, { ...scope, fieldId: String(fieldId) });
    return undefined;
  });
}
