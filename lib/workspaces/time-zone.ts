// The workspace's time zone: date-relative and schedule triggers fire at its local times, and the
// UI shows scheduler times in it. Admins change it (row-level security: workspaces_update).

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { isValidTimeZone } from "@/lib/scheduler/time-math";

export async function getWorkspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.timeZone ?? "UTC";
}

/** A known IANA name, else UTC (what a sign-up form sends from the browser is not trusted). */
export function normalizeTimeZone(value: unknown): string {
  return typeof value === "string" && value.length <= 64 && isValidTimeZone(value) ? value : "UTC";
}

export type SetTimeZoneParams = { claims: UserClaims; workspaceId: string; timeZone: string };

/** Sets the time zone as the user: only an admin's update reaches the row. */
export async function setWorkspaceTimeZone(db: Db, params: SetTimeZoneParams): Promise<string> {
  if (params.timeZone.length > 64 || !isValidTimeZone(params.timeZone)) throw new AppError("invalid_input", "Choose a time zone from the list");
  const updated = await withUser(db, params.claims, (tx) =>
    tx.update(workspaces).set({ timeZone: params.timeZone }).where(eq(workspaces.id, params.workspaceId)).returning({ timeZone: workspaces.timeZone }),
  );
  if (updated.length === 0) throw new AppError("forbidden", "Only an admin can change the workspace's time zone");
  return updated[0].timeZone;
}
