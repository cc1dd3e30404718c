// The one event shape the engine understands. Every inbound format (native, Supabase, later real
// CRMs) is adapted to it in lib/webhooks/adapters, so triggers and conditions see one vocabulary.

import { z } from "zod";
import { ENTITY_TYPES, type EntityType } from "@/lib/automations/fields";
import { ALIAS_EVENT_TYPES, aliasConflict, type AliasEventType } from "./canonical-event";

export const EVENT_ACTIONS = ["created", "updated", "deleted"] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];
export type EventType = `${EntityType}.${EventAction}`;

export const EVENT_TYPES = ENTITY_TYPES.flatMap((entity) =>
  EVENT_ACTIONS.map((action) => `${entity}.${action}` as EventType),
);

/**
 * The types of the scheduler's internal events (origin `schedule`): each is the time-based trigger
 * it fires. A `schedule` event concerns no entity: its entity is `{ type: "schedule", id: "" }`.
 */
export const INTERNAL_EVENT_TYPES = ["deal.inactive", "deal.date_relative", "activity.date_relative", "schedule"] as const;
export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];
export type EventEntityType = EntityType | "schedule";
/** Every event type a run can have: inbound ones and the scheduler's (the logs filter by them). */
export const RUN_EVENT_TYPES: readonly (EventType | InternalEventType)[] = [...EVENT_TYPES, ...INTERNAL_EVENT_TYPES];

/** Why an internal event is due: the idempotency period and the words the run's trace shows. */
export type EventDue = { automationId: string; period: string; reason: string };

export type EventActor = { type: string; id: string };
export type EventCausation = { automationId: string; depth: number };

export type NormalizedEvent = {
  id?: string;
  type: EventType | InternalEventType;
  occurredAt: string;
  entity: { type: EventEntityType; id: string; data: Record<string, unknown> };
  /** Old values of the fields this event changed; null for created/deleted events. */
  previous: Record<string, unknown> | null;
  actor?: EventActor | null;
  /** Present when an automation's own action caused this event: bounds loops. */
  causation?: EventCausation | null;
  /** Internal events only: what made the scheduler fire it. */
  due?: EventDue;
  /**
   * Set when the sender gave no `previous` on an update: what `previous` was then derived from
   * (lib/engine/known-previous.ts). Absent when the sender's own `previous` is used.
   */
  previousBasis?: PreviousBasis;
  /**
   * The change a shorthand event type states (`deal.won`: status to won): the old values assumed
   * when neither the sender nor the last known state says otherwise (lib/engine/event-aliases.ts).
   */
  stated?: { type: string; previous: Record<string, unknown> };
};

/** `last_known`: compared with the entity's snapshot from `at`; `unknown`: no earlier state exists. */
export type PreviousBasis = { kind: "last_known"; at: string } | { kind: "unknown" };

const recordSchema = z.record(z.string(), z.unknown());

/** Causation as it travels on the wire (snake_case), shared by the native and Supabase formats. */
export const wireCausationSchema = z.object({
  automation_id: z.string().min(1).max(200),
  depth: z.number().int().min(0).max(1000),
});

/** The native inbound body (DESIGN.md "Inbound webhook contract"). */
export const nativeEventSchema = z
  .object({
    type: z.enum([...EVENT_TYPES, ...ALIAS_EVENT_TYPES] as [EventType | AliasEventType, ...(EventType | AliasEventType)[]], {
      error: `type must be <entity>.<created|updated|deleted> (or ${ALIAS_EVENT_TYPES.join(", ")})`,
    }),
    occurred_at: z.iso.datetime({ offset: true, error: "occurred_at must be an ISO 8601 date-time" }),
    entity: z.object({
      type: z.enum(ENTITY_TYPES),
      id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
      data: recordSchema,
    }),
    previous: recordSchema.nullish(),
    actor: z.object({ type: z.string().min(1).max(50), id: z.string().min(1).max(200) }).nullish(),
    causation: wireCausationSchema.nullish(),
  })
  .superRefine((body, ctx) => {
    if (!body.type.startsWith(`${body.entity.type}.`)) {
      ctx.addIssue({
        code: "custom",
        path: ["entity", "type"],
        message: `entity.type “${body.entity.type}” does not match event type “${body.type}”`,
      });
    }
    const conflict = aliasConflict(body.type, body.entity.data);
    if (conflict) ctx.addIssue({ code: "custom", path: ["entity", "data"], message: conflict });
  });

export type NativeEventBody = z.output<typeof nativeEventSchema>;

export function eventEntity(type: EventType): EntityType {
  return type.slice(0, type.indexOf(".")) as EntityType;
}
