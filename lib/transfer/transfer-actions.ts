"use server";
// Import: preview (writes nothing) and import (one transaction). Session first.
// Only async functions may be exported from this file.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { importAutomations, previewImport, type ImportPreview } from "./import-automations";

async function scope() {
  const session = await requireSession();
  return { claims: session.claims, workspaceId: session.workspace.id };
}

export async function previewImportAction(text: string): Promise<ActionResult<ImportPreview>> {
  const who = await scope();
  try {
    return { ok: true, data: await previewImport((await getDb()).db, who, String(text ?? "")) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function importAction(text: string): Promise<ActionResult<{ ids: string[] }>> {
  const who = await scope();
  try {
    const result = await importAutomations((await getDb()).db, who, String(text ?? ""));
    revalidatePath("/settings/automations", "layout");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
