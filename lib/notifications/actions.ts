"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/next";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireSession } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/result";
import { markNotificationsRead } from "./mark-notifications-read";

const idSchema = z.uuid();

/** Marks one notification read, or all of them when `id` is omitted. */
export async function markNotificationsReadAction(id?: string): Promise<ActionResult> {
  const session = await requireSession();
  if (id !== undefined && !idSchema.safeParse(id).success) return { ok: false, error: "Notification not found" };
  try {
    const { db } = await getDb();
    await markNotificationsRead(db, { claims: session.claims, workspaceId: session.workspace.id, id, now: new Date() });
  } catch (error) {
    logUnexpected("could not mark notifications read", error);
    return { ok: false, error: "Could not save. Please try again." };
  }
  // The bell in the header shows the count on every page.
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
