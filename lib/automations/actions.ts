// The action registry: config schemas and words. Execution lives in lib/actions (with I/O); the
// engine only needs to know which config keys are templates so it can render them in the plan.

import { z } from "zod";
import type { EntityType } from "./fields";

const subjectSchema = z
  .string({ error: "Subject is required" })
  .trim()
  .min(1, "Subject is required")
  .max(200, "Subject must be at most 200 characters");

const userIdSchema = z.uuid({ error: "Choose a team member" });

const dealOwner = z.object({ kind: z.literal("deal_owner") });
const automationOwner = z.object({ kind: z.literal("automation_owner") });
const member = z.object({ kind: z.literal("member"), userId: userIdSchema });
const address = z.object({
  kind: z.literal("address"),
  address: z.email({ error: "Enter a valid email address" }).max(320, "Enter a valid email address"),
});

const assigneeSchema = z.discriminatedUnion("kind", [dealOwner, automationOwner, member], {
  error: "Choose who the activity is for",
});
const userRecipientSchema = z.discriminatedUnion("kind", [dealOwner, automationOwner, member], {
  error: "Choose who to notify",
});
const emailRecipientSchema = z.discriminatedUnion("kind", [dealOwner, automationOwner, member, address], {
  error: "Choose who receives the email",
});

/**
 * What an action addressed to the deal owner does when the event names no owner, or one who is not
 * mapped to a member: address someone else, or skip the action (the run still succeeds). Without
 * it (automations saved before it existed) the run fails, as an event problem.
 */
const ownerFallbackSchema = z.discriminatedUnion("kind", [automationOwner, member, z.object({ kind: z.literal("skip") })], {
  error: "Choose what happens when the deal owner cannot be found",
});
export type OwnerFallback = z.output<typeof ownerFallbackSchema>;
/** New actions start with this fallback (components/automations/form-defaults.ts, the API, templates). */
export const DEFAULT_OWNER_FALLBACK: OwnerFallback = { kind: "automation_owner" };

// RFC 9110 token characters; anything else would be rejected by fetch or smuggle a header.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Set by the delivery itself (signature, framing): a user value would break or forge them.
const RESERVED_HEADERS = new Set(["host", "content-length", "content-type", "transfer-encoding", "connection", "webhook-id", "webhook-timestamp", "webhook-signature"]);

const headerSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Header name is required")
    .max(100, "Header name must be at most 100 characters")
    .regex(HEADER_NAME, "Header names may contain only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~")
    .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), "This header is set automatically"),
  value: z
    .string()
    .max(1000, "Header value must be at most 1000 characters")
    .refine((value) => !/[\r\n\0]/.test(value), "Header values cannot contain line breaks"),
});

export const createActivityConfigSchema = z.object({
  subject: subjectSchema,
  // Which types exist is the workspace's catalog: automationInputSchemaFor checks it on save.
  activityType: z.string({ error: "Choose an activity type" }).trim().min(1, "Choose an activity type").max(60, "Choose an activity type"),
  dueInDays: z
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(0, "Due days cannot be negative")
    .max(365, "Due date must be within 365 days"),
  /** "HH:MM" in the workspace's time zone; blank = the event's time of day. */
  dueTime: z
    .union([z.literal(""), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM (24-hour)")])
    .optional()
    .transform((value) => value || undefined),
  /** Count Monday to Friday only (false is stored as absent, so an untouched box changes nothing). */
  businessDays: z
    .boolean()
    .optional()
    .transform((value) => value || undefined),
  assignee: assigneeSchema,
  ifOwnerMissing: ownerFallbackSchema.optional(),
  note: z.string().max(2000, "Note must be at most 2000 characters").optional(),
});

export const sendEmailConfigSchema = z.object({
  to: emailRecipientSchema,
  ifOwnerMissing: ownerFallbackSchema.optional(),
  subject: subjectSchema,
  body: z
    .string({ error: "Message is required" })
    .trim()
    .min(1, "Message is required")
    .max(10_000, "Message must be at most 10,000 characters"),
});

export const notifyUserConfigSchema = z.object({
  to: userRecipientSchema,
  ifOwnerMissing: ownerFallbackSchema.optional(),
  message: z
    .string({ error: "Message is required" })
    .trim()
    .min(1, "Message is required")
    .max(500, "Message must be at most 500 characters"),
});

export const sendWebhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "Enter a valid URL (http:// or https://)" }).max(2000, "URL must be at most 2000 characters"),
  headers: z.array(headerSchema).max(10, "Add at most 10 headers").default([]),
});

export type CreateActivityConfig = z.output<typeof createActivityConfigSchema>;
export type SendEmailConfig = z.output<typeof sendEmailConfigSchema>;
export type NotifyUserConfig = z.output<typeof notifyUserConfigSchema>;
export type SendWebhookConfig = z.output<typeof sendWebhookConfigSchema>;
type Recipient = SendEmailConfig["to"];

export const actionSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("create_activity"), config: createActivityConfigSchema }),
    z.object({ type: z.literal("send_email"), config: sendEmailConfigSchema }),
    z.object({ type: z.literal("notify_user"), config: notifyUserConfigSchema }),
    z.object({ type: z.literal("send_webhook"), config: sendWebhookConfigSchema }),
  ],
  { error: "Choose an action" },
);

export const actionListSchema = z
  .array(actionSchema)
  .min(1, "Add at least one action")
  .max(20, "Add at most 20 actions");

/**
 * The longest a template field may be once rendered: the template's own limit. Event data can make
 * a short template render long (a 250 KB deal title in "Follow up on {{deal.title}}"), so the
 * engine cuts the rendered text to this, with an ellipsis, and says so in the run's trace.
 */
export const RENDERED_TEXT_MAX: Readonly<Record<string, number>> = { subject: 200, note: 2000, body: 10_000, message: 500 };
/** For a template field not listed above. */
export const DEFAULT_RENDERED_TEXT_MAX = 2000;

export type Action = z.output<typeof actionSchema>;
export type ActionInput = z.input<typeof actionSchema>;
export type ActionType = Action["type"];

export type ActionDefinition = {
  type: ActionType;
  label: string;
  description: string;
  schema: z.ZodType;
  /** Config keys whose string values are `{{…}}` templates, rendered by the engine. */
  templateFields: readonly string[];
  /** `entity`: the trigger's entity, so "the owner" is named for what the event is about. */
  describe(config: Action["config"], entity?: EntityType | null): string;
};

/**
 * Who the `deal_owner` recipient is on an entity's events (its owner_id): "the deal owner", "the
 * contact's owner", "the activity's owner".
 */
export function entityOwnerWords(entity: EntityType | null | undefined): string {
  return !entity || entity === "deal" ? "the deal owner" : `the ${entity}'s owner`;
}

/** The same as a choice in the editor: "Deal owner", "The contact's owner". */
export function entityOwnerLabel(entity: EntityType | null | undefined): string {
  return !entity || entity === "deal" ? "Deal owner" : `The ${entity}'s owner`;
}

function recipientWords(to: Recipient, entity: EntityType | null | undefined): string {
  switch (to.kind) {
    case "deal_owner":
      return entityOwnerWords(entity);
    case "automation_owner":
      return "the automation owner";
    case "member":
      return "a team member";
    case "address":
      return to.address;
  }
}

/** "the deal owner (if the deal owner cannot be found: the automation owner)"; other recipients as they are. */
function recipientWithFallback(to: Recipient, fallback: OwnerFallback | undefined, entity: EntityType | null | undefined): string {
  const words = recipientWords(to, entity);
  if (to.kind !== "deal_owner" || !fallback) return words;
  const instead = fallback.kind === "skip" ? "skip this action" : recipientWords(fallback, entity);
  return `${words} (if ${words} cannot be found: ${instead})`;
}

function dueWords(days: number, time?: string, business?: boolean): string {
  const at = time ? ` at ${time}` : "";
  if (days === 0) return business ? `due today (or the next business day)${at}` : `due today${at}`;
  const unit = business ? (days === 1 ? "business day" : "business days") : days === 1 ? "day" : "days";
  return `due in ${days} ${unit}${at}`;
}

const ACTION_LIST: ActionDefinition[] = [
  {
    type: "create_activity",
    label: "Create activity",
    description: "Creates a follow-up activity (call, meeting, task…) assigned to a user.",
    schema: createActivityConfigSchema,
    templateFields: ["subject", "note"],
    describe: (raw, entity) => {
      const config = raw as CreateActivityConfig;
      const article = /^[aeiou]/.test(config.activityType) ? "an" : "a";
      return `Create ${article} ${config.activityType} “${config.subject}” for ${recipientWithFallback(config.assignee, config.ifOwnerMissing, entity)}, ${dueWords(config.dueInDays, config.dueTime, config.businessDays)}`;
    },
  },
  {
    type: "send_email",
    label: "Send email",
    description: "Sends an email to a user or an address.",
    schema: sendEmailConfigSchema,
    templateFields: ["subject", "body"],
    describe: (raw, entity) => {
      const config = raw as SendEmailConfig;
      return `Send an email to ${recipientWithFallback(config.to, config.ifOwnerMissing, entity)}: “${config.subject}”`;
    },
  },
  {
    type: "notify_user",
    label: "Notify user",
    description: "Shows an in-app notification to a user.",
    schema: notifyUserConfigSchema,
    templateFields: ["message"],
    describe: (raw, entity) => {
      const config = raw as NotifyUserConfig;
      return `Notify ${recipientWithFallback(config.to, config.ifOwnerMissing, entity)}: “${config.message}”`;
    },
  },
  {
    type: "send_webhook",
    label: "Send webhook",
    description: "POSTs the event as signed JSON to a URL.",
    schema: sendWebhookConfigSchema,
    templateFields: [],
    describe: (raw) => `POST to ${(raw as SendWebhookConfig).url}`,
  },
];

export const ACTIONS: readonly ActionDefinition[] = ACTION_LIST;

const ACTION_INDEX = new Map<string, ActionDefinition>(ACTION_LIST.map((action) => [action.type, action]));

export function getAction(type: string): ActionDefinition | undefined {
  return ACTION_INDEX.get(type);
}
