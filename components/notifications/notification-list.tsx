import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import type { NotificationItem } from "@/lib/notifications/list-notifications";
import { MarkReadButton } from "./mark-read-button";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function NotificationList({ items }: { items: NotificationItem[] }) {
  if (items.length === 0) {
    return (
      <Card className="p-5">
        <p className="text-sm text-ink-muted">No notifications yet.</p>
      </Card>
    );
  }
  return (
    <Card className="p-5">
      <ul className="divide-y divide-surface-line" aria-label="Notifications">
        {items.map((item) => {
          const unread = item.readAt === null;
          return (
            <li key={item.id} className="flex items-start gap-3 py-3" aria-label={`${unread ? "Unread: " : ""}${item.title}`}>
              <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${unread ? "bg-brand-600" : "bg-transparent"}`} />
              <div className="min-w-0 flex-1 space-y-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={unread ? "font-semibold text-ink" : "text-ink"}>{item.title}</span>
                  {item.kind === "alert" ? <Badge tone="danger">alert</Badge> : null}
                </div>
                {item.body ? <p className="text-sm text-ink-muted">{item.body}</p> : null}
                <p className="text-xs text-ink-muted">
                  <time dateTime={item.createdAt.toISOString()}>{absolute.format(item.createdAt)} UTC</time>
                  {item.link ? (
                    <>
                      {" · "}
                      <Link href={item.link} className="text-brand-700 underline" aria-label={`Open: ${item.title}`}>
                        Open
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
              {unread ? <MarkReadButton id={item.id} label={`Mark “${item.title}” as read`} /> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
