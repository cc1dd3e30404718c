"use server";
// Workspace settings an admin changes. Only async functions may be exported from this file.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireAdmin } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { setWorkspaceTimeZone } from "./time-zone";

export async function setTimeZoneAction(_previous: ActionResult<{ timeZone: string }> | null, formData: FormData): Promise<ActionResult<{ timeZone: string }>> {
  const session = await requireAdmin();
  try {
    const value = formData.get("timeZone");
    const timeZone = await setWorkspaceTimeZone((await getDb()).db, {
      claims: session.claims,
      workspaceId: session.workspace.id,
      timeZone: typeof value === "string" ? value : "",
    });
    revalidatePath("/settings", "layout");
    return { ok: true, data: { timeZone } };
  } catch (error) {
    return toActionError(error);
  }
}
