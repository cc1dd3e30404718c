// A delivery's webhook-id; an accepted delivery's links to the event it stored (/settings/events/[id]).
import Link from "next/link";

type Delivery = { outcome: "accepted" | "duplicate" | "rejected"; externalId: string | null; eventId: string | null };

export function MessageId({ delivery }: { delivery: Delivery }) {
  const id = delivery.externalId;
  if (delivery.outcome !== "accepted" || !delivery.eventId) return id ? <span className="font-mono text-xs">{id}</span> : <>—</>;
  const text = id ?? "Event";
  return (
    <Link href={`/settings/events/${delivery.eventId}`} aria-label={`${text}: open the event`} className="font-mono text-xs text-brand-700 hover:underline">
      {text}
    </Link>
  );
}
