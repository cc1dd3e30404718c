// When something last changed, as an exact time. UTC, because the server renders it and cannot
// know the reader's time zone; the machine-readable value is in `dateTime`.

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUpdatedAt(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

export function UpdatedAt({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatUpdatedAt(date)}</time>;
}
