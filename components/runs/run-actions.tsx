// What each action of a run did: its record (status, attempts, output or error) and the effects it
// left that the reader may see, linked to where they live: follow-ups, notifications, deliveries.

import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { getAction } from "@/lib/automations/actions";
import type { RunDetail } from "@/lib/runs/get-run-detail";
import { ActionOutput, personName } from "./action-output";
import { DeliveryRecord } from "./delivery-record";
import { formatRunTime, statusTone } from "./format";

type Props = { detail: RunDetail; viewerId: string };

export function RunActions({ detail, viewerId }: Props) {
  const { actions } = detail;
  if (actions.length === 0) {
    const why =
      detail.run.status === "skipped" ? "the conditions were not met" : detail.run.status === "stopped" ? "the run was stopped" : detail.run.status === "missed" ? "the automation was off when the event arrived" : detail.run.status === "failed" ? "the run failed before any action" : "none were recorded";
    return <p className="text-sm text-ink-muted">No actions ran: {why}.</p>;
  }
  return (
    <ol className="space-y-3">
      {actions.map((action) => (
        <li key={action.actionIndex} aria-label={`Action ${action.actionIndex + 1}`} className="rounded-md border border-surface-line p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-ink">Action {action.actionIndex + 1}: {getAction(action.type)?.label ?? action.type}</span>
            <Badge tone={statusTone(action.status)}>{action.status}</Badge>
            {action.attempts > 1 ? <span className="text-xs text-ink-muted">{action.attempts} attempts</span> : null}
          </div>
          {action.error ? <p className="mt-1 text-danger">{action.error}</p> : null}
          <ActionOutput output={action.output} people={detail.people} />
          <Effects detail={detail} index={action.actionIndex} viewerId={viewerId} />
        </li>
      ))}
    </ol>
  );
}

function Effects({ detail, index, viewerId }: { detail: RunDetail; index: number; viewerId: string }) {
  const activities = detail.activities.filter((row) => row.actionIndex === index);
  const notifications = detail.notifications.filter((row) => row.actionIndex === index);
  const deliveries = detail.deliveries.filter((row) => row.actionIndex === index);
  if (activities.length + notifications.length + deliveries.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 border-t border-surface-line pt-2 text-xs text-ink">
      {activities.map((activity) => (
        <li key={activity.id}>
          Created the follow-up “{activity.subject}” for {personName(activity.assigneeId, detail.people, activity.assigneeEmail)}, due {formatRunTime(activity.dueAt)}
          {activity.doneAt ? " (done)" : ""}.{" "}
          {activity.assigneeId === viewerId ? <Link href="/activities" className="text-brand-700 underline">Open my follow-ups</Link> : null}
        </li>
      ))}
      {notifications.map((notification) => (
        <li key={notification.id}>
          Sent you the notification “{notification.title}”{notification.readAt ? " (read)" : ""}.{" "}
          <Link href="/notifications" className="text-brand-700 underline">Open notifications</Link>
        </li>
      ))}
      {deliveries.map((delivery) => (
        <DeliveryRecord key={delivery.id} delivery={delivery} />
      ))}
    </ul>
  );
}
