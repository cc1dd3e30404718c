import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, notifications } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

export type NotificationItem = {
  id: string;
  kind: "action" | "alert" | "system";
  title: string;
  body: string | null;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

export type NotificationScope = { claims: UserClaims; workspaceId: string };

/** The signed-in user's notifications in this workspace, newest first (RLS: recipients only). */
export async function listNotifications(db: Db, params: NotificationScope & { limit?: number }): Promise<NotificationItem[]> {
  return withUser(db, params.claims, (tx) =>
    tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        // An action's notification links to the run that sent it when the reader may open that run
        // (row-level security on automation_runs decides, through the join).
        link: sql<string | null>`coalesce(${notifications.link}, '/settings/logs/' || ${automationRuns.id}::text)`,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .leftJoin(automationRuns, eq(automationRuns.id, notifications.runId))
      .where(and(eq(notifications.userId, params.claims.sub), eq(notifications.workspaceId, params.workspaceId)))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(params.limit ?? 100),
  );
}

/** For the header bell, on every page: one small count through notifications_user_created_idx. */
export async function countUnreadNotifications(db: Db, params: NotificationScope): Promise<number> {
  const [row] = await withUser(db, params.claims, (tx) =>
    tx
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, params.claims.sub), eq(notifications.workspaceId, params.workspaceId), isNull(notifications.readAt))),
  );
  return row?.n ?? 0;
}
