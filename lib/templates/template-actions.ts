"use server";
// Workspace template mutations: session first, then the domain function, then revalidate.
// Only async functions may be exported from this file.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { deleteWorkspaceTemplate, saveWorkspaceTemplate } from "./workspace-templates";

async function scope() {
  const session = await requireSession();
  return { claims: session.claims, workspaceId: session.workspace.id };
}

export async function saveAsTemplateAction(automationId: string, name: string, description: string): Promise<ActionResult<{ id: string }>> {
  const who = await scope();
  try {
    const saved = await saveWorkspaceTemplate((await getDb()).db, { ...who, automationId: String(automationId), name: String(name ?? ""), description: String(description ?? "") });
    revalidatePath("/settings/automations/templates");
    return { ok: true, data: saved };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteTemplateAction(id: string): Promise<ActionResult> {
  const who = await scope();
  try {
    await deleteWorkspaceTemplate((await getDb()).db, { ...who, id: String(id) });
    revalidatePath("/settings/automations/templates");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
