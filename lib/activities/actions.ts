"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/next";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireSession } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/result";
import { setActivityDone } from "./set-activity-done";

const idSchema = z.uuid();

export async function setActivityDoneAction(activityId: string, done: boolean): Promise<ActionResult> {
  const session = await requireSession();
  if (!idSchema.safeParse(activityId).success || typeof done !== "boolean") return { ok: false, error: "Activity not found" };
  try {
    const { db } = await getDb();
    await setActivityDone(db, { claims: session.claims, workspaceId: session.workspace.id, activityId, done, now: new Date() });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    logUnexpected("could not update an activity", error);
    return { ok: false, error: "Could not save. Please try again." };
  }
  revalidatePath("/activities");
  return { ok: true, data: undefined };
}
