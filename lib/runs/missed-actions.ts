"use server";
// Running a reactivated automation for the events it missed while it was off (lib/runs/missed-runs.ts).

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { runMissedEvents, type MissedRunsSummary } from "./missed-runs";

export async function runMissedEventsAction(automationId: unknown): Promise<ActionResult<MissedRunsSummary>> {
  const session = await requireSession();
  if (typeof automationId !== "string" || automationId.length > 64) return { ok: false, error: "Unknown automation" };
  try {
    const { db } = await getDb();
    const summary = await runMissedEvents(db, session.claims, { workspaceId: session.workspace.id, automationId, now: new Date() });
    revalidatePath("/settings/automations", "layout");
    revalidatePath("/settings/logs", "layout");
    return { ok: true, data: summary };
  } catch (error) {
    return toActionError(error);
  }
}
