// The field catalog: which entity fields conditions and triggers may reference, and their types.
// The form, the schema validation and the engine all read it, so a field exists everywhere or nowhere.

export const ENTITY_TYPES = ["deal", "contact", "organization", "activity"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENTITY_LABELS: Record<EntityType, string> = {
  deal: "Deal",
  contact: "Contact",
  organization: "Organization",
  activity: "Activity",
};

export const FIELD_TYPES = ["text", "number", "date", "choice", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldOption = { value: string; label: string };

export type FieldDefinition = {
  key: string;
  label: string;
  type: FieldType;
  /** For choice fields: suggestions (stage values are free strings, so not a closed set). */
  options?: readonly FieldOption[];
};

/** A catalog field together with where it lives, as returned by `getField`. */
export type FieldRef = FieldDefinition & { entity: EntityType; path: string };

export const DEAL_STAGES: readonly FieldOption[] = [
  { value: "lead", label: "Lead" },
  { value: "qualified", label: "Qualified" },
  { value: "proposal", label: "Proposal" },
  { value: "negotiation", label: "Negotiation" },
  { value: "contract_sent", label: "Contract sent" },
  { value: "closed", label: "Closed" },
];

export const ACTIVITY_TYPES = ["call", "meeting", "task", "email", "deadline"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_OPTIONS: readonly FieldOption[] = ACTIVITY_TYPES.map((value) => ({
  value,
  label: value[0].toUpperCase() + value.slice(1),
}));

const owner: FieldDefinition = { key: "owner_id", label: "Owner", type: "text" };

export const FIELDS: Record<EntityType, readonly FieldDefinition[]> = {
  deal: [
    { key: "title", label: "Title", type: "text" },
    { key: "stage", label: "Stage", type: "choice", options: DEAL_STAGES },
    { key: "amount", label: "Amount", type: "number" },
    {
      key: "currency",
      label: "Currency",
      type: "choice",
      options: [
        { value: "EUR", label: "EUR" },
        { value: "USD", label: "USD" },
        { value: "GBP", label: "GBP" },
      ],
    },
    {
      key: "status",
      label: "Status",
      type: "choice",
      options: [
        { value: "open", label: "Open" },
        { value: "won", label: "Won" },
        { value: "lost", label: "Lost" },
      ],
    },
    owner,
    { key: "expected_close_date", label: "Expected close date", type: "date" },
    { key: "probability", label: "Probability", type: "number" },
    { key: "source", label: "Source", type: "text" },
  ],
  contact: [
    { key: "name", label: "Name", type: "text" },
    { key: "email", label: "Email", type: "text" },
    { key: "phone", label: "Phone", type: "text" },
    owner,
    {
      key: "lifecycle_stage",
      label: "Lifecycle stage",
      type: "choice",
      options: [
        { value: "lead", label: "Lead" },
        { value: "customer", label: "Customer" },
        { value: "churned", label: "Churned" },
      ],
    },
    { key: "created_at", label: "Created at", type: "date" },
  ],
  organization: [
    { key: "name", label: "Name", type: "text" },
    { key: "industry", label: "Industry", type: "text" },
    { key: "employees", label: "Employees", type: "number" },
    owner,
  ],
  activity: [
    { key: "subject", label: "Subject", type: "text" },
    { key: "type", label: "Type", type: "choice", options: ACTIVITY_TYPE_OPTIONS },
    { key: "done", label: "Done", type: "boolean" },
    { key: "due_date", label: "Due date", type: "date" },
    owner,
    { key: "deal_id", label: "Deal", type: "text" },
  ],
};

// Built once so lookups on the hot path are a single Map read.
const FIELD_INDEX = new Map<string, FieldRef>();
for (const entity of ENTITY_TYPES) {
  for (const field of FIELDS[entity]) {
    const path = `${entity}.${field.key}`;
    FIELD_INDEX.set(path, { ...field, entity, path });
  }
}

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === "string" && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function fieldsFor(entity: EntityType): readonly FieldDefinition[] {
  return FIELDS[entity] ?? [];
}

/** Looks up `"<entity>.<key>"`; undefined for anything not in the catalog. */
export function getField(path: string): FieldRef | undefined {
  return FIELD_INDEX.get(path);
}

/** Looks up a field by entity and bare key (trigger configs store bare keys). */
export function getEntityField(entity: EntityType, key: string): FieldRef | undefined {
  return FIELD_INDEX.get(`${entity}.${key}`);
}

/** The label of a choice value when the catalog knows it, compared case-insensitively. */
export function optionLabel(field: FieldDefinition | undefined, value: unknown): string | undefined {
  if (!field?.options || typeof value !== "string") return undefined;
  const wanted = value.trim().toLowerCase();
  return field.options.find((option) => option.value.toLowerCase() === wanted)?.label;
}

export type TemplateVariable = { path: string; label: string };

/**
 * The `{{…}}` variables a text template can use on an entity's events: its catalog fields (and id),
 * their previous values, the owner and the event. The template context is built to match
 * (lib/engine/plan.ts); this is the one list the editor offers and the save check accepts.
 */
export function templateVariablesFor(entity: EntityType): TemplateVariable[] {
  return templateVariablesOf(entity, fieldsFor(entity));
}

/** The template variables of an entity with the given fields (a workspace's catalog passes its own). */
export function templateVariablesOf(entity: EntityType, fields: readonly FieldDefinition[]): TemplateVariable[] {
  const noun = ENTITY_LABELS[entity];
  return [
    ...fields.map((field) => ({ path: `${entity}.${field.key}`, label: `${noun} ${field.label.toLowerCase()}` })),
    { path: `${entity}.id`, label: `${noun} id` },
    { path: "owner.name", label: "Owner name" },
    { path: "owner.email", label: "Owner email" },
    { path: "owner.id", label: "Owner id" },
    { path: "event.type", label: "Event type" },
    { path: "event.id", label: "Event id" },
    { path: "event.occurredAt", label: "Event time" },
    ...fields.map((field) => ({ path: `previous.${field.key}`, label: `Previous ${field.label.toLowerCase()}` })),
  ];
}

/** Whether `path` (e.g. "deal.title") is a variable templates on this entity's events can read. */
export function isTemplateVariable(entity: EntityType, path: string): boolean {
  return isTemplateVariableOf(entity, path, getEntityField, templateVariablesFor(entity));
}

/** The check behind isTemplateVariable, over any catalog's lookups. */
export function isTemplateVariableOf(
  entity: EntityType,
  path: string,
  lookup: (entity: EntityType, key: string) => FieldRef | undefined,
  variables: readonly TemplateVariable[],
): boolean {
  if (/^entity\.(type|id)$/.test(path)) return true;
  const data = /^entity\.data\.(.+)$/.exec(path);
  if (data) return lookup(entity, data[1]) !== undefined;
  return variables.some((variable) => variable.path === path);
}
