"use server";
// Retrying failed runs from the logs: one run from its page, or several selected on the list.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { retryRuns, type BulkRetryResult } from "./retry-run";

const runIdsSchema = z.array(z.string().max(64)).min(1, "Select at least one failed run").max(50, "Retry at most 50 runs at a time");

/** Retries the given runs as the signed-in user (runs they cannot see are reported as not found). */
export async function retryRunsAction(runIds: unknown): Promise<ActionResult<BulkRetryResult[]>> {
  const session = await requireSession();
  const parsed = runIdsSchema.safeParse(runIds);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Select at least one failed run" };
  try {
    const { db } = await getDb();
    const results = await retryRuns(db, session.claims, { workspaceId: session.workspace.id, runIds: parsed.data, now: new Date() });
    revalidatePath("/settings/logs", "layout");
    revalidatePath("/settings/automations", "layout");
    return { ok: true, data: results };
  } catch (error) {
    return toActionError(error);
  }
}
