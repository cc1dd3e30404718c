"use server";
// Workspace settings mutations: session first, then the domain function (which the database's
// policies guard), then revalidate every page that formats numbers. Only async exports here.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { updateWorkspaceSettings, type WorkspaceSettings } from "./workspace-settings";

export async function updateWorkspaceSettingsAction(input: unknown): Promise<ActionResult<WorkspaceSettings>> {
  const session = await requireSession();
  try {
    const settings = await updateWorkspaceSettings((await getDb()).db, { claims: session.claims, workspaceId: session.workspace.id, input });
    revalidatePath("/", "layout");
    return { ok: true, data: settings };
  } catch (error) {
    return toActionError(error);
  }
}
