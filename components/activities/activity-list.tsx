import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import type { MyActivity } from "@/lib/activities/list-my-activities";
import { DoneCheckbox } from "./done-checkbox";
import { DueDate } from "./due-date";

function ActivityRow({ activity, now }: { activity: MyActivity; now: Date }) {
  const done = activity.doneAt !== null;
  return (
    <li className="flex items-start gap-3 py-3" aria-label={activity.subject}>
      <div className="pt-0.5">
        <DoneCheckbox activityId={activity.id} done={done} subject={activity.subject} />
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`font-medium ${done ? "text-ink-muted line-through" : "text-ink"}`}>{activity.subject}</span>
          <Badge>{activity.activityType}</Badge>
        </div>
        <p className="text-sm text-ink-muted">
          {activity.entityType === "schedule" ? (
            // A scheduled reminder concerns no entity (docs/time-triggers.md).
            "Scheduled"
          ) : (
            <>
              {activity.entityType.charAt(0).toUpperCase() + activity.entityType.slice(1)}{" "}
              <span className="font-medium text-ink">{activity.entityTitle ?? activity.entityId}</span>
              {activity.entityTitle ? <span className="font-mono text-xs"> ({activity.entityId})</span> : null}
            </>
          )}
          {activity.automationName ? <> · created by the automation “{activity.automationName}”</> : null}
          {activity.runId ? (
            <>
              {" · "}
              <Link href={`/settings/logs/${activity.runId}`} className="text-brand-700 underline">
                View the run
              </Link>
            </>
          ) : null}
        </p>
        {activity.note ? <p className="text-sm text-ink-muted">{activity.note}</p> : null}
      </div>
      <div className="shrink-0 text-right text-sm">
        <DueDate due={activity.dueAt} now={now} done={done} />
      </div>
    </li>
  );
}

export function ActivityList({ title, activities, now, empty }: { title: string; activities: MyActivity[]; now: Date; empty: string }) {
  return (
    <Card className="mb-6 p-5">
      <section aria-label={title}>
        <h2 className="text-base font-semibold text-ink">{title}</h2>
        {activities.length === 0 ? (
          <p className="mt-2 text-sm text-ink-muted">{empty}</p>
        ) : (
          <ul className="divide-y divide-surface-line">
            {activities.map((activity) => (
              <ActivityRow key={activity.id} activity={activity} now={now} />
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}
