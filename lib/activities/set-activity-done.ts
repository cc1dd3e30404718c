import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";

export type SetActivityDoneParams = { claims: UserClaims; workspaceId: string; activityId: string; done: boolean; now: Date };

/** Ticks an activity done (or not). Row-level security lets only its assignee change it. */
export async function setActivityDone(db: Db, params: SetActivityDoneParams): Promise<void> {
  const updated = await withUser(db, params.claims, (tx) =>
    tx
      .update(activities)
      .set({ doneAt: params.done ? params.now : null })
      .where(and(eq(activities.id, params.activityId), eq(activities.workspaceId, params.workspaceId)))
      .returning({ id: activities.id }),
  );
  if (updated.length === 0) throw new AppError("not_found", "Activity not found");
}
