// The trigger registry: what starts an automation. `match` is pure and reads only the event and
// its `previous` values, so the engine can decide without a database.

import { z } from "zod";
import type { EventType, NormalizedEvent } from "@/lib/engine/event";
import { DEFAULT_FIELD_CATALOG, memoByCatalog, stageMatchKey, type FieldCatalog } from "./field-catalog";
import { ENTITY_LABELS, ENTITY_TYPES, optionLabel, type EntityType } from "./fields";
import { isEmptyValue, readOwn, sameValue, toBoolean, toText } from "./values";
import { describeCron, isValidCron } from "./cron-words";

export type TriggerMatch = { matched: boolean; reason: string };

const fieldKeysSchema = (entity: EntityType, catalog: FieldCatalog) =>
  z
    .array(z.string())
    .max(20, "Choose at most 20 fields")
    .optional()
    .superRefine((keys, ctx) => {
      keys?.forEach((key, index) => {
        if (!catalog.getEntityField(entity, key)) {
          ctx.addIssue({ code: "custom", path: [index], message: `Unknown field “${key}”` });
        }
      });
    });

/** A stage as typed or picked, stored as the workspace's stage id when it names one ("Contract sent" → "contract_sent"). */
const stageSchema = (catalog: FieldCatalog) =>
  z
    .string({ error: "Choose a stage" })
    .trim()
    .min(1, "Choose a stage")
    .max(100, "Stage must be at most 100 characters")
    .transform((value) => catalog.resolveStage(value) ?? value);

function lifecycleSchemas<E extends EntityType>(entity: E, catalog: FieldCatalog) {
  return [
    z.object({ type: z.literal(`${entity}.created` as `${E}.created`) }),
    z.object({ type: z.literal(`${entity}.updated` as `${E}.updated`), fields: fieldKeysSchema(entity, catalog) }),
    z.object({ type: z.literal(`${entity}.deleted` as `${E}.deleted`) }),
  ] as const;
}

const dealStageChangedSchema = (catalog: FieldCatalog) =>
  z.object({
    type: z.literal("deal.stage_changed"),
    to: stageSchema(catalog),
    // The form sends "" for "any stage": treat it as absent rather than as a stage named "".
    from: z
      .string()
      .trim()
      .max(100, "Stage must be at most 100 characters")
      .transform((value) => (value ? (catalog.resolveStage(value) ?? value) : undefined))
      .optional(),
  });
// Time-based triggers fire only for entities whose mark falls after the automation was switched on,
// unless `catchUp` also takes those already past it (docs/time-triggers.md).
const catchUpSchema = z.boolean({ error: "Tick the box or leave it" }).optional();
const dealInactiveSchema = z.object({
  type: z.literal("deal.inactive"),
  days: z
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(1, "Enter at least 1 day")
    .max(365, "Enter at most 365 days"),
  catchUp: catchUpSchema,
});
// Only built-in date fields: the scheduler sweeps them through indexes of their own (lib/scheduler/due-entities.ts).
const dateRelativeSchema = <E extends "deal" | "activity">(entity: E) =>
  z.object({
    type: z.literal(`${entity}.date_relative` as `${E}.date_relative`),
    field: z
      .string({ error: "Choose a date field" })
      .refine((key) => DEFAULT_FIELD_CATALOG.getEntityField(entity, key)?.type === "date", "Choose a date field"),
    days: z
      .number({ error: "Enter a number of days" })
      .int("Enter a whole number of days")
      .min(0, "Enter 0 or more days")
      .max(180, "Enter at most 180 days"),
    direction: z.enum(["before", "after"], { error: "Choose before or after" }),
    at: z.string({ error: "Enter a time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM"),
    catchUp: catchUpSchema,
  });
const scheduleSchema = z.object({
  type: z.literal("schedule"),
  cron: z
    .string({ error: "Enter a cron expression" })
    .trim()
    .min(1, "Enter a cron expression")
    .max(100, "A cron expression has at most 100 characters")
    .refine(isValidCron, "Not a valid cron expression (minute hour day-of-month month day-of-week)"),
});
const bare = <T extends string>(type: T) => z.object({ type: z.literal(type) });

function buildTriggerSchema(catalog: FieldCatalog) {
  return z.discriminatedUnion(
    "type",
    [
      ...lifecycleSchemas("deal", catalog),
      ...lifecycleSchemas("contact", catalog),
      ...lifecycleSchemas("organization", catalog),
      ...lifecycleSchemas("activity", catalog),
      dealStageChangedSchema(catalog),
      bare("deal.won"),
      bare("deal.lost"),
      bare("deal.owner_changed"),
      bare("activity.completed"),
      dealInactiveSchema,
      dateRelativeSchema("deal"),
      dateRelativeSchema("activity"),
      scheduleSchema,
    ],
    { error: "Choose a trigger" },
  );
}

/** The trigger schema for one workspace's catalog, and each trigger type's own (memoised per catalog). */
export const triggerSchemasFor = memoByCatalog((catalog: FieldCatalog) => {
  const union = buildTriggerSchema(catalog);
  const byType = new Map<string, z.ZodType>(union.options.map((schema) => [schema.shape.type.value, schema as z.ZodType]));
  return { union, byType };
});

/** The trigger schema over the built-in catalog. */
export const triggerSchema = triggerSchemasFor(DEFAULT_FIELD_CATALOG).union;

export type Trigger = z.output<typeof triggerSchema>;
export type TriggerInput = z.input<typeof triggerSchema>;
export type TriggerType = Trigger["type"];

export type TriggerDefinition = {
  type: TriggerType;
  /** The entity its events concern; null for `schedule`, which concerns none. */
  entity: EntityType | null;
  label: string;
  description: string;
  /** Its settings' schema over the built-in catalog (a workspace's own: triggerSchemasFor). */
  schema: z.ZodType;
  /** Inbound event types that can fire it; empty for time-based triggers. */
  eventTypes: readonly EventType[];
  timeBased: boolean;
  describe(config: Trigger, catalog?: FieldCatalog): string;
  match(event: NormalizedEvent, config: Trigger): TriggerMatch;
  /**
   * Optional bucketing for the planner: an automation of this type is filed under each key of
   * `indexKeys(config)`, and an event visits only the buckets `eventKeys(event)` names (none: no
   * automation of this type can match). The keys must agree with `match`: an automation filed under
   * none of the event's keys never matches it.
   */
  indexKeys?(config: Trigger): readonly string[];
  eventKeys?(event: NormalizedEvent): readonly string[];
};

type TriggerSpec<T extends TriggerType> = {
  type: T;
  label: string;
  description: string;
  eventType: EventType | null;
  /** Further event types that can fire it: "won" also fires for a deal created already won. */
  alsoOn?: readonly EventType[];
  describe(config: Extract<Trigger, { type: T }>, catalog: FieldCatalog): string;
  /** Called only when the event type already fits. */
  match?(event: NormalizedEvent, config: Extract<Trigger, { type: T }>): TriggerMatch;
  /** See TriggerDefinition; `eventKeys` too is called only when the event type already fits. */
  indexKeys?(config: Extract<Trigger, { type: T }>): readonly string[];
  eventKeys?(event: NormalizedEvent): readonly string[];
};

const ARTICLE: Record<EntityType, string> = { deal: "a deal", contact: "a contact", organization: "an organization", activity: "an activity" };
const SCHEMAS = triggerSchemasFor(DEFAULT_FIELD_CATALOG).byType;

function show(value: unknown): string {
  return isEmptyValue(value) ? "empty" : typeof value === "string" ? value : JSON.stringify(value);
}

function stageName(value: string, catalog: FieldCatalog): string {
  return optionLabel(catalog.getEntityField("deal", "stage"), value) ?? value;
}

function fieldLabel(entity: EntityType, key: string, catalog: FieldCatalog): string {
  return catalog.getEntityField(entity, key)?.label ?? key;
}

/** Joins "A", "A or B", "A, B or C" for descriptions. */
export function joinWords(words: string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** The old and new value of a key the event changed, or null when `previous` lacks it. */
function transition(event: NormalizedEvent, key: string) {
  if (!event.previous || !Object.hasOwn(event.previous, key)) return null;
  return { from: event.previous[key], to: readOwn(event.entity.data, key) };
}

/** "stage did not change", saying so when that is because no earlier state is known. */
function noChange(event: NormalizedEvent, what: string): TriggerMatch {
  const unknown = event.previousBasis?.kind === "unknown" ? " (no earlier state of it is known)" : "";
  return { matched: false, reason: `${what} did not change${unknown}` };
}

function statusReached(status: "won" | "lost") {
  return (event: NormalizedEvent): TriggerMatch => {
    if (event.type === "deal.created") {
      const value = readOwn(event.entity.data, "status");
      return toText(value) === status
        ? { matched: true, reason: `deal created already ${status}` }
        : { matched: false, reason: `deal created with status ${show(value)}, not ${status}` };
    }
    const change = transition(event, "status");
    if (!change || sameValue(change.from, change.to, "choice")) return noChange(event, "status");
    if (toText(change.to) !== status) return { matched: false, reason: `status changed to ${show(change.to)}, not ${status}` };
    return { matched: true, reason: `status changed from ${show(change.from)} to ${status}` };
  };
}

function stageKey(value: unknown): string | null {
  const text = toText(value);
  return text === null ? null : stageMatchKey(text);
}

const EVERY = [""] as const;
const NONE = [] as const;

/**
 * A trigger whose verdict does not depend on its settings: its automations share one bucket, and
 * the event is matched once for all of them (a typical deal update fires no "won" automation, and
 * is then not offered to each of them in turn).
 */
function settingsFree(match: (event: NormalizedEvent) => TriggerMatch) {
  return { match, indexKeys: () => EVERY, eventKeys: (event: NormalizedEvent) => (match(event).matched ? EVERY : NONE) };
}

/** "Updated" automations are filed under each field they watch, or under ANY_CHANGE when they watch all. */
const ANY_CHANGE = "*";
const changedKey = (field: string) => `changed:${field}`;

/** The fields an "updated" trigger watches; none means any change fires it. */
function watchedFields(config: Trigger): readonly string[] {
  return "fields" in config ? (config.fields ?? []) : [];
}

function lifecycleSpecs(entity: EntityType): TriggerSpec<TriggerType>[] {
  const noun = ARTICLE[entity];
  const label = entity[0].toUpperCase() + entity.slice(1);
  return [
    { type: `${entity}.created`, label: `${label} created`, description: `Runs when ${noun} is created.`, eventType: `${entity}.created`, describe: () => `When ${noun} is created` },
    {
      type: `${entity}.updated`,
      label: `${label} updated`,
      description: `Runs when ${noun} is updated, optionally only when chosen fields change.`,
      eventType: `${entity}.updated`,
      describe: (config, catalog) => {
        const keys = watchedFields(config);
        if (keys.length === 0) return `When ${noun} is updated`;
        const verb = keys.length === 1 ? "changes" : "change";
        return `When ${noun} is updated (only when ${joinWords(keys.map((key) => fieldLabel(entity, key, catalog)), "or")} ${verb})`;
      },
      match: (event, config) => {
        const keys = watchedFields(config);
        if (keys.length === 0) return { matched: true, reason: `${entity} updated` };
        const changed = keys.filter((key) => event.previous != null && Object.hasOwn(event.previous, key));
        return changed.length > 0
          ? { matched: true, reason: `changed: ${changed.join(", ")}` }
          : { matched: false, reason: `none of ${keys.join(", ")} changed` };
      },
      indexKeys: (config) => {
        const keys = watchedFields(config);
        return keys.length === 0 ? [ANY_CHANGE] : keys.map(changedKey);
      },
      eventKeys: (event) => [ANY_CHANGE, ...(event.previous ? Object.keys(event.previous).map(changedKey) : [])],
    },
    { type: `${entity}.deleted`, label: `${label} deleted`, description: `Runs when ${noun} is deleted.`, eventType: `${entity}.deleted`, describe: () => `When ${noun} is deleted` },
  ] as TriggerSpec<TriggerType>[];
}

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

type DateRelativeTrigger = Extract<Trigger, { type: "deal.date_relative" | "activity.date_relative" }>;

/** "3 days before a deal's Expected close date, at 09:00". */
function describeDateRelative(entity: "deal" | "activity", config: DateRelativeTrigger, catalog: FieldCatalog): string {
  const field = `${ARTICLE[entity]}'s ${fieldLabel(entity, config.field, catalog)}`;
  const when = config.days === 0 ? `On ${field}` : `${plural(config.days, "day")} ${config.direction} ${field}`;
  return `${when}, at ${config.at}${config.catchUp ? " (also dates already past when switched on)" : ""}`;
}

function dateRelativeSpec(entity: "deal" | "activity"): TriggerSpec<TriggerType> {
  return {
    type: `${entity}.date_relative`,
    label: `${ENTITY_LABELS[entity]} date`,
    description: `Runs a number of days before or after a date field of ${ARTICLE[entity]}, at a chosen hour in the workspace's time zone.`,
    eventType: null,
    describe: (config: DateRelativeTrigger, catalog: FieldCatalog) => describeDateRelative(entity, config, catalog),
  } as TriggerSpec<TriggerType>;
}

const SPECS: TriggerSpec<TriggerType>[] = [
  ...ENTITY_TYPES.flatMap(lifecycleSpecs),
  {
    type: "deal.stage_changed",
    label: "Deal stage changed",
    description: "Runs when a deal moves to a stage, optionally only from a given stage.",
    eventType: "deal.updated",
    describe: (config: Extract<Trigger, { type: "deal.stage_changed" }>, catalog: FieldCatalog) =>
      config.from
        ? `When a deal moves from ${stageName(config.from, catalog)} to ${stageName(config.to, catalog)}`
        : `When a deal moves to ${stageName(config.to, catalog)}`,
    // Stages compare as the catalog does ("Contract sent" is contract_sent); ingest already stores ids.
    match: (event: NormalizedEvent, config: Extract<Trigger, { type: "deal.stage_changed" }>) => {
      const change = transition(event, "stage");
      if (!change || sameValue(change.from, change.to, "choice")) return noChange(event, "stage");
      if (stageKey(change.to) !== stageKey(config.to)) return { matched: false, reason: `stage changed to ${show(change.to)}, not ${config.to}` };
      if (config.from && stageKey(change.from) !== stageKey(config.from)) {
        return { matched: false, reason: `stage changed from ${show(change.from)}, not from ${config.from}` };
      }
      return { matched: true, reason: `stage changed from ${show(change.from)} to ${show(change.to)}` };
    },
    // Stage-change automations are bucketed by target stage: an event visits only its new stage's.
    indexKeys: (config: Extract<Trigger, { type: "deal.stage_changed" }>) => [stageKey(config.to) ?? ""],
    eventKeys: (event: NormalizedEvent) => {
      const change = transition(event, "stage");
      const to = change && !sameValue(change.from, change.to, "choice") ? stageKey(change.to) : null;
      return to === null ? NONE : [to];
    },
  } as TriggerSpec<TriggerType>,
  { type: "deal.won", label: "Deal won", description: "Runs when a deal's status changes to won, or a deal is created already won.", eventType: "deal.updated", alsoOn: ["deal.created"], describe: () => "When a deal is won", ...settingsFree(statusReached("won")) },
  { type: "deal.lost", label: "Deal lost", description: "Runs when a deal's status changes to lost, or a deal is created already lost.", eventType: "deal.updated", alsoOn: ["deal.created"], describe: () => "When a deal is lost", ...settingsFree(statusReached("lost")) },
  {
    type: "deal.owner_changed",
    label: "Deal owner changed",
    description: "Runs when a deal is reassigned to another owner.",
    eventType: "deal.updated",
    describe: () => "When a deal's owner changes",
    ...settingsFree((event) => {
      const change = transition(event, "owner_id");
      return !change || sameValue(change.from, change.to, "text")
        ? noChange(event, "owner")
        : { matched: true, reason: `owner changed from ${show(change.from)} to ${show(change.to)}` };
    }),
  },
  {
    type: "activity.completed",
    label: "Activity completed",
    description: "Runs when an activity is marked done, or is created already done.",
    eventType: "activity.updated",
    describe: () => "When an activity is completed",
    alsoOn: ["activity.created"],
    ...settingsFree((event) => {
      if (event.type === "activity.created") {
        return toBoolean(readOwn(event.entity.data, "done")) === true
          ? { matched: true, reason: "activity created already done" }
          : { matched: false, reason: "activity created not done" };
      }
      const change = transition(event, "done");
      if (!change) return noChange(event, "done");
      return toBoolean(change.to) === true && toBoolean(change.from) !== true
        ? { matched: true, reason: "activity marked done" }
        : { matched: false, reason: `done changed from ${show(change.from)} to ${show(change.to)}` };
    }),
  },
  {
    type: "deal.inactive",
    label: "Deal inactive",
    description: "Runs when an open deal has had no activity for a number of days (checked every minute by the scheduler).",
    eventType: null,
    describe: (config: Extract<Trigger, { type: "deal.inactive" }>) =>
      `When a deal has had no activity for ${plural(config.days, "day")}${config.catchUp ? " (also deals already inactive when switched on)" : ""}`,
  } as TriggerSpec<TriggerType>,
  dateRelativeSpec("deal"),
  dateRelativeSpec("activity"),
  {
    type: "schedule",
    label: "Schedule",
    description: "Runs at recurring times in the workspace's time zone, with no deal or other entity.",
    eventType: null,
    describe: (config: Extract<Trigger, { type: "schedule" }>) => `On a schedule: ${describeCron(config.cron)}`,
  } as TriggerSpec<TriggerType>,
];

function defineTrigger(spec: TriggerSpec<TriggerType>): TriggerDefinition {
  const eventTypes: readonly EventType[] = spec.eventType ? [spec.eventType, ...(spec.alsoOn ?? [])] : [];
  const fires = (event: NormalizedEvent) => eventTypes.includes(event.type as EventType);
  return {
    type: spec.type,
    entity: spec.type.includes(".") ? (spec.type.slice(0, spec.type.indexOf(".")) as EntityType) : null,
    label: spec.label,
    description: spec.description,
    schema: SCHEMAS.get(spec.type)!,
    eventTypes,
    timeBased: spec.eventType === null,
    describe: (config, catalog = DEFAULT_FIELD_CATALOG) => spec.describe(config as never, catalog),
    match(event, config) {
      // A time-based trigger is matched by the scheduler's internal event of its own type, which
      // carries why it is due (lib/scheduler/); no inbound event ever fires one.
      if (spec.eventType === null) {
        return event.type === spec.type
          ? { matched: true, reason: event.due?.reason ?? `${spec.label}: due` }
          : { matched: false, reason: `${event.type} events never fire a time-based trigger` };
      }
      if (!fires(event)) return { matched: false, reason: `event ${event.type} does not fire ${spec.type}` };
      return spec.match ? spec.match(event, config as never) : { matched: true, reason: `${event.type} event` };
    },
    indexKeys: spec.indexKeys ? (config) => spec.indexKeys!(config as never) : undefined,
    eventKeys: spec.eventKeys ? (event) => (fires(event) ? spec.eventKeys!(event) : NONE) : undefined,
  };
}

export const TRIGGERS: readonly TriggerDefinition[] = SPECS.map(defineTrigger);

const TRIGGER_INDEX = new Map<string, TriggerDefinition>(TRIGGERS.map((trigger) => [trigger.type, trigger]));

// Precomputed because the ingest path calls it for every event to pick candidate automations.
const TYPES_BY_EVENT = new Map<string, string[]>();
for (const trigger of TRIGGERS) {
  // A time-based trigger's internal events have the trigger's own type.
  for (const eventType of trigger.timeBased ? [trigger.type] : trigger.eventTypes) {
    TYPES_BY_EVENT.set(eventType, [...(TYPES_BY_EVENT.get(eventType) ?? []), trigger.type]);
  }
}

export function getTrigger(type: string): TriggerDefinition | undefined {
  return TRIGGER_INDEX.get(type);
}

export function triggersFor(entity: EntityType | null): TriggerDefinition[] {
  return TRIGGERS.filter((trigger) => trigger.entity === entity);
}

/** Trigger types an inbound event type can fire (for the `trigger_type` index lookup). */
export function triggerTypesForEvent(eventType: string): string[] {
  return TYPES_BY_EVENT.get(eventType) ?? [];
}

/** A trigger type's settings schema over a workspace's catalog. */
export function getTriggerSchema(type: string, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): z.ZodType | undefined {
  return triggerSchemasFor(catalog).byType.get(type);
}

/** The entity a stored trigger's events concern (null for a schedule or an unknown trigger). */
export function triggerEntity(trigger: unknown): EntityType | null {
  const type = (trigger as { type?: unknown } | null)?.type;
  return (typeof type === "string" ? getTrigger(type)?.entity : null) ?? null;
}

/** Words for any stored trigger, including ones this version no longer knows. */
export function describeTrigger(trigger: unknown, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string {
  const type = (trigger as { type?: unknown } | null)?.type;
  const definition = typeof type === "string" ? getTrigger(type) : undefined;
  if (!definition) return `Unknown trigger “${String(type)}”`;
  const parsed = getTriggerSchema(definition.type, catalog)!.safeParse(trigger);
  return parsed.success ? definition.describe(parsed.data as Trigger, catalog) : `${definition.label} (invalid settings)`;
}
