// Pipedrive's objects in our vocabulary: which `meta.entity` is which entity, and per entity the
// fields renamed or converted (Pipedrive's own keys stay too, so templates can still name them).
// Ids Pipedrive sends as numbers become strings: stage ids are looked up in the workspace's
// stages as the CRM sends them, and owner ids are matched against members' CRM user ids.

import type { EntityType } from "@/lib/automations/fields";

export const PIPEDRIVE_ENTITIES: Record<string, EntityType> = {
  deal: "deal",
  person: "contact",
  organization: "organization",
  activity: "activity",
};

type FieldMap = { from: string; to: string; convert: (value: unknown) => unknown };

const asIs = (value: unknown) => value;

/** A numeric or string id as a string; null and anything else unchanged. */
function idString(value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : value;
}

/** The primary (else the first) `value` of Pipedrive's `[{ value, primary, label }]` lists. */
function primaryValue(value: unknown): unknown {
  if (!Array.isArray(value)) return null;
  const entries = value.filter((entry): entry is { value: unknown; primary?: unknown } => typeof entry === "object" && entry !== null && "value" in entry);
  return (entries.find((entry) => entry.primary === true) ?? entries[0])?.value ?? null;
}

const owner: FieldMap = { from: "owner_id", to: "owner_id", convert: idString };

const FIELD_MAPS: Record<EntityType, readonly FieldMap[]> = {
  deal: [
    owner,
    { from: "value", to: "amount", convert: asIs },
    { from: "stage_id", to: "stage", convert: idString },
  ],
  contact: [
    owner,
    { from: "emails", to: "email", convert: primaryValue },
    { from: "phones", to: "phone", convert: primaryValue },
  ],
  organization: [owner],
  activity: [
    owner,
    { from: "deal_id", to: "deal_id", convert: idString },
  ],
};

/**
 * `fields` with our names added for the ones Pipedrive names differently; only fields present are
 * mapped, so a `previous` holding one changed field yields that field under both names.
 */
export function mapPipedriveFields(entity: EntityType, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const map of FIELD_MAPS[entity]) {
    if (Object.hasOwn(fields, map.from)) out[map.to] = map.convert(fields[map.from]);
  }
  return out;
}
