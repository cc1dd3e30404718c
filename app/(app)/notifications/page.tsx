// In-app notifications of the signed-in user: what automations told them, and alerts.
import type { Metadata } from "next";
import { MarkReadButton } from "@/components/notifications/mark-read-button";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const items = await listNotifications(db, { claims: session.claims, workspaceId: session.workspace.id });
  const unread = items.filter((item) => item.readAt === null).length;
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread === 0 ? "You are all caught up." : `${unread} unread.`}
        actions={unread > 0 ? <MarkReadButton label="Mark all notifications as read" /> : undefined}
      />
      <NotificationList items={items} />
    </>
  );
}
