import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import { withUser } from "@/db/with-user";
import type { NotificationScope } from "./list-notifications";

/** Marks one notification (by id) or all of the user's unread ones as read; returns how many changed. */
export async function markNotificationsRead(db: Db, params: NotificationScope & { id?: string; now: Date }): Promise<number> {
  const rows = await withUser(db, params.claims, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: params.now })
      .where(
        and(
          eq(notifications.userId, params.claims.sub),
          eq(notifications.workspaceId, params.workspaceId),
          isNull(notifications.readAt),
          params.id ? eq(notifications.id, params.id) : undefined,
        ),
      )
      .returning({ id: notifications.id }),
  );
  return rows.length;
}
