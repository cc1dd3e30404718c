// A pipeline's stage list pasted as JSON, so a team does not type 40 stages by hand. Accepts
// `[{ "id": 3, "label": "Qualified" }]` (or `name` for the label), a list of labels
// (`["Lead", "Qualified"]`, ids made from them), and a Pipedrive stages response (`{ "data": [...] }`,
// sorted by `order_nr`). Pure: the result is the list to save, or every problem found.

import { stageMatchKey } from "@/lib/automations/field-catalog";
import { MAX_STAGES, stageInputSchema } from "./catalog-input";

export const MAX_IMPORT_CHARS = 100_000;

export type StageImport = { ok: true; stages: { id: string; label: string }[] } | { ok: false; errors: string[] };

type Candidate = { id: unknown; label: unknown; order: number | null };

function fail(...errors: string[]): StageImport {
  return { ok: false, errors };
}

function readItem(item: unknown): Candidate | null {
  if (typeof item === "string") return { id: stageMatchKey(item), label: item, order: null };
  if (item === null || typeof item !== "object" || Array.isArray(item)) return null;
  const record = item as Record<string, unknown>;
  const order = [record.order_nr, record.order, record.position].find((value) => typeof value === "number");
  return { id: record.id ?? record.key, label: record.label ?? record.name, order: typeof order === "number" ? order : null };
}

function listOf(parsed: unknown): unknown[] | string {
  if (Array.isArray(parsed)) return parsed;
  const data = (parsed as { data?: unknown } | null)?.data;
  if (Array.isArray(data)) return data;
  return "Paste a JSON list of stages, such as [{\"id\": \"3\", \"label\": \"Qualified\"}], or a Pipedrive stages response ({\"data\": [...]})";
}

/** A Pipedrive response lists every pipeline's stages unless filtered: one pipeline at a time. */
function pipelineIdsOf(items: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    const id = (item as { pipeline_id?: unknown } | null)?.pipeline_id;
    if (typeof id === "number" || typeof id === "string") ids.add(String(id));
  }
  return ids;
}

export function parseStageImport(text: string): StageImport {
  if (text.length > MAX_IMPORT_CHARS) return fail(`The pasted text is ${text.length.toLocaleString("en-US")} characters; at most ${MAX_IMPORT_CHARS.toLocaleString("en-US")} are accepted`);
  if (!text.trim()) return fail("Paste the stages as JSON");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`This is not valid JSON: ${error instanceof SyntaxError ? error.message : "it could not be read"}`);
  }
  const items = listOf(parsed);
  if (typeof items === "string") return fail(items);
  if (items.length === 0) return fail("The list is empty: a pipeline needs at least one stage");
  if (items.length > MAX_STAGES) return fail(`The list has ${items.length} stages; a pipeline has at most ${MAX_STAGES}`);
  const pipelines = pipelineIdsOf(items);
  if (pipelines.size > 1) return fail(`The list holds the stages of ${pipelines.size} pipelines (ids ${[...pipelines].join(", ")}): paste one pipeline's stages at a time`);
  return checkStages(items);
}

function checkStages(items: unknown[]): StageImport {
  const errors: string[] = [];
  const stages: { id: string; label: string; order: number | null; index: number }[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const candidate = readItem(item);
    const at = `Stage ${index + 1}`;
    if (!candidate) return void errors.push(`${at}: expected an object with an id and a label, or a label`);
    const id = typeof candidate.id === "number" && Number.isFinite(candidate.id) ? String(candidate.id) : candidate.id;
    if (typeof id !== "string" || !id.trim()) return void errors.push(`${at} has no id: give "id" as your CRM sends it (text or a number)`);
    if (typeof candidate.label !== "string" || !candidate.label.trim()) return void errors.push(`${at} has no label: give "label" or "name"`);
    const parsed = stageInputSchema.safeParse({ id, label: candidate.label });
    if (!parsed.success) return void errors.push(`${at}: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
    const first = seen.get(stageMatchKey(parsed.data.id));
    if (first !== undefined) return void errors.push(`${at}: id “${parsed.data.id}” is already used by stage ${first + 1}`);
    seen.set(stageMatchKey(parsed.data.id), index);
    stages.push({ ...parsed.data, order: candidate.order, index });
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 10).concat(errors.length > 10 ? [`… and ${errors.length - 10} more`] : []) };
  stages.sort((a, b) => (a.order ?? a.index) - (b.order ?? b.index) || a.index - b.index);
  return { ok: true, stages: stages.map(({ id, label }) => ({ id, label })) };
}
