// When an activity is due: relative ("in 2 days", "3 days overdue") and the exact time in UTC,
// because the server renders it and cannot know the reader's time zone.

const absolute = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export function relativeDue(due: Date, now: Date): { text: string; overdue: boolean } {
  const diff = due.getTime() - now.getTime();
  const overdue = diff < 0;
  const abs = Math.abs(diff);
  let amount: string;
  if (abs < HOUR_MS) amount = "less than an hour";
  else if (abs < DAY_MS) {
    const hours = Math.round(abs / HOUR_MS);
    amount = `${hours} ${hours === 1 ? "hour" : "hours"}`;
  } else {
    const days = Math.round(abs / DAY_MS);
    amount = `${days} ${days === 1 ? "day" : "days"}`;
  }
  return { text: overdue ? `${amount} overdue` : `in ${amount}`, overdue };
}

export function DueDate({ due, now, done }: { due: Date; now: Date; done: boolean }) {
  const relative = relativeDue(due, now);
  return (
    <span className="inline-flex flex-col">
      <span className={relative.overdue && !done ? "font-medium text-danger" : "text-ink"}>Due {relative.text}</span>
      <time dateTime={due.toISOString()} className="text-xs text-ink-muted">
        {absolute.format(due)} UTC
      </time>
    </span>
  );
}
