// What each trigger reads from an event and what counts as its change, in words for docs/events.md.
// Keyed by every trigger type, so a new trigger does not typecheck until it is documented here.

import { ENTITY_TYPES, type EntityType } from "./fields";
import type { TriggerType } from "./triggers";

export type TriggerReads = {
  /** Field keys of the entity's `data` (and `previous`) the trigger reads; empty when none. */
  fields: readonly string[];
  /** What makes it fire, in one or two sentences (Markdown). */
  fires: string;
};

const CHANGE = "as sent, or derived from the last known state when the event has no `previous`";

type LifecycleType = `${EntityType}.${"created" | "updated" | "deleted"}`;

function lifecycle(entity: EntityType): [string, TriggerReads][] {
  return Object.entries({
    [`${entity}.created`]: { fields: [], fires: `Every \`${entity}.created\` event.` },
    [`${entity}.updated`]: {
      fields: [],
      fires:
        `Every \`${entity}.updated\` event when no fields are chosen. With chosen fields: when one of them is a key of \`previous\` ` +
        `(${CHANGE}); a key in \`previous\` counts as changed whatever its value.`,
    },
    [`${entity}.deleted`]: { fields: [], fires: `Every \`${entity}.deleted\` event.` },
  });
}

const statusReads = (status: "won" | "lost"): TriggerReads => ({
  fields: ["status"],
  fires:
    `A \`deal.updated\` whose \`previous.status\` (${CHANGE}) differs from \`data.status\`, and \`data.status\` is \`${status}\` ` +
    `(case and surrounding spaces ignored); a \`deal.created\` whose \`data.status\` is \`${status}\`; a \`deal.${status}\` event (see *Shorthand event types*).`,
});

export const TRIGGER_READS: Record<TriggerType, TriggerReads> = {
  ...(Object.fromEntries(ENTITY_TYPES.flatMap(lifecycle)) as Record<LifecycleType, TriggerReads>),
  "deal.stage_changed": {
    fields: ["stage"],
    fires:
      `A \`deal.updated\` whose \`previous.stage\` (${CHANGE}) differs from \`data.stage\`, \`data.stage\` is the chosen stage ` +
      "and, when a *from* stage is chosen, `previous.stage` is that stage. Stages compare as text, ignoring case and surrounding spaces.",
  },
  "deal.won": statusReads("won"),
  "deal.lost": statusReads("lost"),
  "deal.owner_changed": {
    fields: ["owner_id"],
    fires: `A \`deal.updated\` whose \`previous.owner_id\` (${CHANGE}) differs from \`data.owner_id\` (an owner removed counts).`,
  },
  "activity.completed": {
    fields: ["done"],
    fires:
      `An \`activity.updated\` whose \`previous.done\` (${CHANGE}) is not true and whose \`data.done\` is true; an \`activity.created\` ` +
      "whose `data.done` is true; an `activity.completed` event (see *Shorthand event types*).",
  },
  "deal.inactive": {
    fields: ["status"],
    fires:
      "Time-based: no event fires it. The scheduler fires it for an open deal (status not `won` or `lost`, not deleted) whose newest " +
      "`occurred_at`, counting events about activities whose `data.deal_id` is the deal, is the chosen number of days old.",
  },
  "deal.date_relative": {
    fields: ["expected_close_date", "status"],
    fires: "Time-based: the scheduler fires it the chosen days before or after the chosen date field of the deal's last known state, at the chosen hour; never for won, lost or deleted deals.",
  },
  "activity.date_relative": {
    fields: ["due_date"],
    fires: "Time-based: the scheduler fires it the chosen days before or after the chosen date field of the activity's last known state, at the chosen hour; never for deleted activities.",
  },
  schedule: { fields: [], fires: "Time-based: at the times of its cron expression; it concerns no entity." },
};
