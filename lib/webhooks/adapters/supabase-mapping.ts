// How a Supabase source's rows become entities: which `schema.table` is which entity, and which
// columns hold the primary key, the owner, the deal stage and the event time. Stored in
// webhook_sources.settings; the defaults are the four tables of `public` with our column names.
// The event time column is also the deduplication identity (with the primary key): without one,
// Supabase deliveries are not deduplicated at all.

import { z } from "zod";
import { ENTITY_TYPES, type EntityType } from "@/lib/automations/fields";

export type SupabaseColumns = { id: string; owner: string; stage: string; eventTime: string | null };
export type SupabaseTableMapping = { schema: string; table: string; entity: EntityType };
export type SupabaseMapping = { tables: SupabaseTableMapping[]; columns: SupabaseColumns };

export const MAX_MAPPED_TABLES = 50;

const DEFAULT_TABLES: SupabaseTableMapping[] = [
  { schema: "public", table: "deals", entity: "deal" },
  { schema: "public", table: "contacts", entity: "contact" },
  { schema: "public", table: "organizations", entity: "organization" },
  { schema: "public", table: "activities", entity: "activity" },
];

export const DEFAULT_SUPABASE_MAPPING: SupabaseMapping = {
  tables: DEFAULT_TABLES,
  columns: { id: "id", owner: "owner_id", stage: "stage", eventTime: null },
};

// PostgreSQL identifiers as Supabase sends them (unquoted, at most 63 bytes); no dots or spaces.
const identifier = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(63, `${what} must be at most 63 characters`)
    .regex(/^[^\s."]+$/, `${what} must be a single name, without dots, quotes or spaces`);

const tableSchema = z.object({
  schema: identifier("The schema"),
  table: identifier("The table"),
  entity: z.enum(ENTITY_TYPES, { error: `The entity must be one of ${ENTITY_TYPES.join(", ")}` }),
});

export const supabaseMappingSchema = z
  .object({
    tables: z.array(tableSchema).min(1, "Map at least one table").max(MAX_MAPPED_TABLES, `At most ${MAX_MAPPED_TABLES} tables`),
    columns: z.object({
      id: identifier("The primary key column"),
      owner: identifier("The owner column"),
      stage: identifier("The stage column"),
      eventTime: identifier("The event time column").nullable(),
    }),
  })
  .superRefine((mapping, context) => {
    const seen = new Set<string>();
    mapping.tables.forEach((entry, index) => {
      const name = `${entry.schema}.${entry.table}`;
      if (seen.has(name)) context.addIssue({ code: "custom", path: ["tables", index], message: `${name} is mapped twice` });
      seen.add(name);
    });
  });

/** A source's stored settings as a mapping: the defaults for anything missing or unreadable. */
export function readSupabaseMapping(settings: unknown): SupabaseMapping {
  const stored = (settings as { supabase?: unknown } | null)?.supabase;
  if (stored === undefined) return DEFAULT_SUPABASE_MAPPING;
  const parsed = supabaseMappingSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SUPABASE_MAPPING;
}

/** The entity a `schema.table` maps to, or undefined. */
export function mappedEntity(mapping: SupabaseMapping, schema: string, table: string): EntityType | undefined {
  return mapping.tables.find((entry) => entry.schema === schema && entry.table === table)?.entity;
}

/** The table list as the settings form shows it: one `schema.table = entity` per line. */
export function formatTableLines(tables: readonly SupabaseTableMapping[]): string {
  return tables.map((entry) => `${entry.schema}.${entry.table} = ${entry.entity}`).join("\n");
}
