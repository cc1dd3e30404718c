"use server";
// Version history mutations: session first, then the domain function, then revalidate.
// Only async functions may be exported from this file.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { restoreVersion } from "./restore-version";

export async function restoreVersionAction(id: string, version: number): Promise<ActionResult> {
  const session = await requireSession();
  try {
    await restoreVersion((await getDb()).db, { claims: session.claims, workspaceId: session.workspace.id, automationId: String(id), version: Number(version) });
  } catch (error) {
    return toActionError(error);
  }
  revalidatePath("/settings/automations", "layout");
  redirect(`/settings/automations/${id}`);
}
