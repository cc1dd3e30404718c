// Import: a preview that says what will happen to each automation and every problem with its path,
// before anything is written; then one transaction that creates them all, switched off, or none.

import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { insertAutomation } from "@/lib/automations/create-automation";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { automationInputSchemaFor, type AutomationInput } from "@/lib/automations/schema";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import type { AutomationScope } from "@/lib/automations/scope";
import { getTrigger } from "@/lib/automations/triggers";
import { normalizeAutomationInput, type WorkflowAutomationInput } from "@/lib/graphql/input/normalize-input";
import { AppError } from "@/lib/result";
import { EXPORT_FORMAT, EXPORT_VERSION, mapHeaderValues, mapMemberRecipients, MAX_IMPORT_AUTOMATIONS, MAX_IMPORT_BYTES, REDACTED } from "./document";

export type ImportProblem = { path: string; message: string };
export type ImportItem = {
  index: number;
  name: string;
  /** The name it will be created under: the same, or a copy's when the name is taken. */
  createAs: string;
  action: "create" | "create_copy";
  problems: ImportProblem[];
  /** Header values that were redacted on export: created empty, to fill in before switching on. */
  needsValue: string[];
};
export type ImportPreview = { items: ImportItem[]; problems: ImportProblem[] };

const envelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not an automations export (its "format" must be "${EXPORT_FORMAT}")` }),
  version: z.number({ error: "The export has no version number" }),
  automations: z.array(z.unknown(), { error: "The export has no automations list" }).max(MAX_IMPORT_AUTOMATIONS, `Import at most ${MAX_IMPORT_AUTOMATIONS} automations at a time`),
});

/** Size, JSON and envelope: the problems that stop everything. Throws invalid_input with the reason. */
export function readImportDocument(text: string): unknown[] {
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) throw new AppError("invalid_input", "The file is larger than 1 MB; export fewer automations at a time.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "This is not valid JSON: check that the whole file was pasted.");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new AppError("invalid_input", envelope.error.issues[0].message);
  if (envelope.data.version !== EXPORT_VERSION) {
    throw new AppError("invalid_input", `This export is version ${envelope.data.version}; this app reads version ${EXPORT_VERSION}.`);
  }
  return envelope.data.automations;
}

function copyName(name: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = `${name.slice(0, 120 - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

type Planned = { item: ImportItem; input: AutomationInput | null };

async function plan(db: Db, scope: AutomationScope, text: string): Promise<Planned[]> {
  const elements = readImportDocument(text);
  const members = new Map((await listAssignableMembers(db, scope)).map((m) => [m.email.toLowerCase(), m.userId]));
  const existing = await withUser(db, scope.claims, (tx) =>
    tx.select({ name: automations.name }).from(automations).where(and(eq(automations.workspaceId, scope.workspaceId), isNull(automations.deletedAt))),
  );
  const taken = new Set(existing.map((row) => row.name));
  // Checked against this workspace's fields, stages and activity types: another workspace's custom
  // field is named as unknown here, before anything is written.
  const catalog = await getFieldCatalog(db, scope.workspaceId);
  return elements.map((element, index) => {
    const raw = (element ?? {}) as Record<string, unknown>;
    const name = typeof raw.name === "string" ? raw.name : `Automation ${index + 1}`;
    const needsValue: string[] = [];
    const read = "action" in raw || "condition" in raw ? readApiForm(raw, index, catalog) : readStoredForm(raw, index, { members, needsValue, catalog });
    const { problems } = read;
    const clash = taken.has(name);
    const createAs = clash ? copyName(name, taken) : name;
    taken.add(createAs);
    const item: ImportItem = { index, name, createAs, action: clash ? "create_copy" : "create", problems, needsValue };
    return { item, input: read.input && problems.length === 0 ? { ...read.input, name: createAs } : null };
  });
}

type Read = { input: AutomationInput | null; problems: ImportProblem[] };

/** An element in the export's stored form: members by email, redacted header values to fill in. */
type StoredFormContext = { members: Map<string, string>; needsValue: string[]; catalog: FieldCatalog };

function readStoredForm(raw: Record<string, unknown>, index: number, { members, needsValue, catalog }: StoredFormContext): Read {
  const problems: ImportProblem[] = [];
  const actions = mapHeaderValues(
    mapMemberRecipients(Array.isArray(raw.actions) ? raw.actions : [], (recipient, path) => {
      const email = typeof recipient.email === "string" ? recipient.email.toLowerCase() : "";
      const userId = members.get(email);
      if (!userId) problems.push({ path: `automations.${index}.${path}`, message: `${recipient.email ? `${String(recipient.email)} is not a member of this workspace` : "A member is named without an email"}: invite them first, or change the action` });
      return { kind: "member", userId: userId ?? "" };
    }),
    (value, path) => {
      if (value !== REDACTED) return value;
      needsValue.push(path);
      return "";
    },
  );
  const triggerType = (raw.trigger as { type?: unknown } | null)?.type;
  if (!getTrigger(String(triggerType))) {
    problems.push({ path: `automations.${index}.trigger.type`, message: `“${String(triggerType)}” is not a trigger this app knows` });
  }
  const candidate = { name: raw.name, description: raw.description ?? undefined, trigger: raw.trigger, conditions: raw.conditions ?? undefined, actions };
  const parsed = automationInputSchemaFor(catalog).safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = [`automations`, index, ...issue.path].join(".");
      if (!problems.some((p) => p.path.startsWith(path) || path.startsWith(p.path))) problems.push({ path, message: issue.message });
    }
  }
  return { input: parsed.success ? parsed.data : null, problems };
}

/** An element in the API's input form (`condition`, `action`: docs/api.md), normalised as the API does. */
function readApiForm(raw: Record<string, unknown>, index: number, catalog: FieldCatalog): Read {
  const { description, ...input } = raw;
  const normalized = normalizeAutomationInput(input as WorkflowAutomationInput, { description: typeof description === "string" ? description : null }, catalog);
  if (normalized.ok) return { input: normalized.data, problems: [] };
  // The API's paths start at its `input` argument; here they start at the element.
  return { input: null, problems: normalized.issues.map((issue) => ({ path: ["automations", index, ...issue.path.slice(1)].join("."), message: issue.message })) };
}

/** What an import would do, writing nothing. Document-level problems throw invalid_input. */
export async function previewImport(db: Db, scope: AutomationScope, text: string): Promise<ImportPreview> {
  const planned = await plan(db, scope, text);
  return { items: planned.map((p) => p.item), problems: planned.flatMap((p) => p.item.problems) };
}

/** Creates every automation of the document, switched off, in one transaction; any problem and nothing is written. */
export async function importAutomations(db: Db, scope: AutomationScope, text: string): Promise<{ ids: string[] }> {
  const planned = await plan(db, scope, text);
  const problems = planned.flatMap((p) => p.item.problems);
  if (problems.length > 0) throw new AppError("invalid_input", `Nothing was imported: ${problems.length === 1 ? "one problem" : `${problems.length} problems`} to fix first (${problems[0].path}: ${problems[0].message})`);
  if (planned.length === 0) throw new AppError("invalid_input", "The export holds no automations.");
  const ids = await withUser(db, scope.claims, async (tx) => {
    const created: string[] = [];
    for (const { input } of planned) created.push((await insertAutomation(tx, { ...scope, input: input!, isActive: false, summary: "Imported" })).id);
    return created;
  });
  return { ids };
}
