// The Supabase mapping form's fields, as the server action reads them: the tables as text, one
// `schema.table = entity` per line (a bare `table` means `public`), and four column names.
import { ENTITY_TYPES } from "@/lib/automations/fields";
import { MAX_MAPPED_TABLES, supabaseMappingSchema, type SupabaseMapping, type SupabaseTableMapping } from "../adapters/supabase-mapping";

/** The form's fields as posted (absent ones undefined). */
export type SupabaseMappingFields = Partial<Record<"tables" | "idColumn" | "ownerColumn" | "stageColumn" | "eventTimeColumn", string>>;

type Parsed = { ok: true; mapping: SupabaseMapping } | { ok: false; fieldErrors: Record<string, string> };

const LINE = /^\s*(?:([^\s.="]+)\.)?([^\s.="]+)\s*=\s*(\S+)\s*$/;

function parseTableLines(text: string): { tables: Array<Omit<SupabaseTableMapping, "entity"> & { entity: string }> } | { error: string } {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line: line.trim(), number: index + 1 })).filter(({ line }) => line !== "");
  if (lines.length > MAX_MAPPED_TABLES) return { error: `At most ${MAX_MAPPED_TABLES} tables` };
  const tables = [];
  for (const { line, number } of lines) {
    const match = LINE.exec(line);
    if (!match) return { error: `Line ${number}: write “schema.table = entity”, e.g. “crm.leads = deal”` };
    const entity = match[3].toLowerCase();
    if (!(ENTITY_TYPES as readonly string[]).includes(entity)) return { error: `Line ${number}: the entity must be one of ${ENTITY_TYPES.join(", ")}, not “${match[3]}”` };
    tables.push({ schema: match[1] ?? "public", table: match[2], entity });
  }
  return { tables };
}

const COLUMN_FIELDS = { id: "idColumn", owner: "ownerColumn", stage: "stageColumn", eventTime: "eventTimeColumn" } as const;

/** The form's text as a mapping, or the errors keyed by form field. */
export function parseSupabaseMappingForm(fields: SupabaseMappingFields): Parsed {
  const lines = parseTableLines(fields.tables ?? "");
  if ("error" in lines) return { ok: false, fieldErrors: { tables: lines.error } };
  const candidate = {
    tables: lines.tables,
    columns: {
      id: fields.idColumn ?? "",
      owner: fields.ownerColumn ?? "",
      stage: fields.stageColumn ?? "",
      eventTime: fields.eventTimeColumn?.trim() ? fields.eventTimeColumn : null,
    },
  };
  const parsed = supabaseMappingSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [head, key] = issue.path;
    const field = head === "columns" ? COLUMN_FIELDS[key as keyof typeof COLUMN_FIELDS] : "tables";
    const message = head === "tables" && typeof key === "number" ? `Line ${key + 1}: ${issue.message}` : issue.message;
    fieldErrors[field] ??= message;
  }
  return { ok: false, fieldErrors };
}
