"use server";
// Retrying failed runs from the logs: one run from its page, or several selected on the list, "as
// they ran" or with the automation's current version; the preview is the confirmation's content.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { RETRY_MODE_VALUES } from "./retry-plan";
import { previewRetries, retryRuns, type BulkPreview, type BulkRetryResult } from "./retry-run";

const runIdsSchema = z.array(z.string().max(64)).min(1, "Select at least one failed run").max(50, "Retry at most 50 runs at a time");
const modeSchema = z.enum(RETRY_MODE_VALUES, { error: "Choose which version to retry with" }).optional();

function parse(runIds: unknown, mode: unknown) {
  const ids = runIdsSchema.safeParse(runIds);
  if (!ids.success) return { ok: false as const, error: ids.error.issues[0]?.message ?? "Select at least one failed run" };
  const parsedMode = modeSchema.safeParse(mode ?? undefined);
  if (!parsedMode.success) return { ok: false as const, error: parsedMode.error.issues[0]?.message ?? "Choose which version to retry with" };
  return { ok: true as const, runIds: ids.data, mode: parsedMode.data };
}

/** What retrying the given runs would run (the confirmation); writes nothing. */
export async function previewRetryAction(runIds: unknown, mode?: unknown): Promise<ActionResult<BulkPreview[]>> {
  const session = await requireSession();
  const parsed = parse(runIds, mode);
  if (!parsed.ok) return parsed;
  try {
    const { db } = await getDb();
    return { ok: true, data: await previewRetries(db, session.claims, { workspaceId: session.workspace.id, runIds: parsed.runIds, mode: parsed.mode, now: new Date() }) };
  } catch (error) {
    return toActionError(error);
  }
}

/** Retries the given runs as the signed-in user (runs they cannot see are reported as not found). */
export async function retryRunsAction(runIds: unknown, mode?: unknown): Promise<ActionResult<BulkRetryResult[]>> {
  const session = await requireSession();
  const parsed = parse(runIds, mode);
  if (!parsed.ok) return parsed;
  try {
    const { db } = await getDb();
    const results = await retryRuns(db, session.claims, { workspaceId: session.workspace.id, runIds: parsed.runIds, mode: parsed.mode, now: new Date() });
    revalidatePath("/settings/logs", "layout");
    revalidatePath("/settings/automations", "layout");
    return { ok: true, data: results };
  } catch (error) {
    return toActionError(error);
  }
}
