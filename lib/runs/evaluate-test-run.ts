// "Test run" in the automation editor: the unsaved form evaluated against one of the workspace's
// past events, or a pasted payload, exactly as the engine would at ingest: trigger verdict,
// condition trace, and the actions it would run with their templates rendered. Reads only: nothing
// is written and nothing is sent (the planner never executes actions; executors are not called).

import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { loadUserDirectory } from "@/lib/actions/load-user-directory";
import { entityOwnerRef } from "@/lib/actions/user-directory";
import { getAction } from "@/lib/automations/actions";
import { ENTITY_TYPES } from "@/lib/automations/fields";
import { parseAutomationInput } from "@/lib/automations/save-automation";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { normalizeEventStages } from "@/lib/field-catalog/normalize-event";
import { describeAction } from "@/lib/automations/summaries";
import { EVENT_TYPES, type EventType, type NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation, type OwnerInfo, type RunTrace } from "@/lib/engine/plan";
import { workspaceTextFormat } from "@/lib/workspaces/workspace-settings";
import { timeBasedTestEvent } from "@/lib/scheduler/test-run-event";
import { nativeAdapter } from "@/lib/webhooks/adapters";
import type { ActionResult } from "@/lib/result";

/** The inbound body limit (DESIGN.md): a pasted sample is held to the same. */
export const MAX_SAMPLE_PAYLOAD_CHARS = 256 * 1024;

export const testRunSourceSchema = z.union([
  z.object({ eventId: z.uuid({ error: "Choose a recent event" }) }),
  z.object({ payload: z.string().max(MAX_SAMPLE_PAYLOAD_CHARS, "The sample payload is larger than 256 KiB") }),
]);
export type TestRunSource = z.infer<typeof testRunSourceSchema>;

export type TestRunVerdict = "would_run" | "skipped" | "not_triggered" | "stopped" | "failed";

export type TestRunAction = {
  index: number;
  type: string;
  label: string;
  /** The action in words, with its templates already rendered. */
  description: string;
  fields: { key: string; value: string }[];
  missing: string[];
};

export type TestRunOutcome = {
  event: { id: string | null; type: string; entityType: string; entityId: string; occurredAt: string };
  verdict: TestRunVerdict;
  trace: RunTrace;
  error: string | null;
  actions: TestRunAction[];
  /** Who `{{owner.*}}` and "the deal owner" resolved to, if anyone. */
  owner: { ref: string | null; email: string | null };
};

export type EvaluateTestRunParams = {
  workspaceId: string;
  userId: string;
  input: unknown;
  source: unknown;
  now: Date;
};

const recordSchema = z.record(z.string(), z.unknown());

/** Events are stored normalised (camelCase), whatever format they arrived in. */
const storedEventSchema = z.object({
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  occurredAt: z.string(),
  entity: z.object({ type: z.enum(ENTITY_TYPES), id: z.string(), data: recordSchema }),
  previous: recordSchema.nullish(),
  actor: z.object({ type: z.string(), id: z.string() }).nullish(),
  causation: z.object({ automationId: z.string(), depth: z.number() }).nullish(),
});

type SourceError = { ok: false; error: string; fieldErrors: Record<string, string> };
type SourceResult = { ok: true; event: NormalizedEvent; id: string | null } | SourceError;

/** Problems with the chosen event or pasted payload, keyed under `testRun.` for the panel. */
function sourceError(key: "eventId" | "payload", message: string): SourceError {
  return { ok: false, error: message, fieldErrors: { [`testRun.${key}`]: message } };
}

/** zod's "expected object, received undefined" in words a person reads. */
function plainIssue(path: string | undefined, message: string): string {
  const where = path ? `“${path}”` : "The payload";
  const expected = /expected (\w+), received (\w+)/.exec(message);
  if (!expected) return path ? `${where}: ${message}` : message;
  const [, wanted, got] = expected;
  const noun = wanted === "object" ? "an object" : wanted === "array" ? "a list" : `a ${wanted}`;
  return got === "undefined" ? `${where} is missing` : `${where} should be ${noun}, not ${got === "null" ? "null" : `a ${got}`}`;
}

function fromPayload(text: string, now: Date): SourceResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sourceError("payload", "The sample payload is not valid JSON");
  }
  const normalized = nativeAdapter.normalize(body, { now });
  if (normalized.ok) return { ok: true, event: normalized.event, id: null };
  const issues = normalized.issues.slice(0, 3).map((issue) => plainIssue(issue.path, issue.message));
  return sourceError("payload", `The sample payload is not a valid event: ${issues.join("; ")}`);
}

function verdictOf(matched: boolean, status: string): TestRunVerdict {
  if (!matched) return status === "failed" ? "failed" : "not_triggered";
  if (status === "pending") return "would_run";
  return status as TestRunVerdict;
}

function describePlanned(action: { index: number; type: string; config: Record<string, unknown>; missing: string[] }): TestRunAction {
  const definition = getAction(action.type);
  const fields = (definition?.templateFields ?? [])
    .filter((key) => typeof action.config[key] === "string" && action.config[key] !== "")
    .map((key) => ({ key, value: String(action.config[key]) }));
  return {
    index: action.index,
    type: action.type,
    label: definition?.label ?? action.type,
    description: describeAction({ type: action.type, config: action.config }),
    fields,
    missing: action.missing,
  };
}

export async function evaluateTestRun(db: Db, claims: UserClaims, params: EvaluateTestRunParams): Promise<ActionResult<TestRunOutcome>> {
  const catalog = await getFieldCatalog(db, params.workspaceId);
  const parsed = parseAutomationInput(params.input, catalog);
  if (!parsed.ok) return { ok: false, error: "Fix the highlighted fields to test this automation.", fieldErrors: parsed.fieldErrors };
  const source = testRunSourceSchema.safeParse(params.source);
  if (!source.success) return sourceError("payload", source.error.issues[0]?.message ?? "Choose an event or paste a payload");

  return withUser(db, claims, async (tx) => {
    let loaded: SourceResult;
    if ("eventId" in source.data) {
      const [row] = await tx
        .select({ id: events.id, payload: events.payload })
        .from(events)
        .where(and(eq(events.id, source.data.eventId), eq(events.workspaceId, params.workspaceId)))
        .limit(1);
      const stored = row ? storedEventSchema.safeParse(row.payload) : null;
      if (!row) loaded = sourceError("eventId", "That event is not available: choose another one");
      else if (!stored?.success) loaded = sourceError("eventId", "That event was stored in a shape this version cannot replay");
      else loaded = { ok: true, event: { ...stored.data, previous: stored.data.previous ?? null }, id: row.id };
    } else {
      loaded = fromPayload(source.data.payload, params.now);
    }
    if (!loaded.ok) return { ok: false, error: loaded.error, fieldErrors: loaded.fieldErrors };

    const input = parsed.data;
    // A time-based trigger is tried on the internal event a sweep would make for this entity now.
    // Stages by id or label, as ingest stores them.
    const event = normalizeEventStages(timeBasedTestEvent(input.trigger, loaded.event, params.now) ?? loaded.event, catalog);
    const ref = entityOwnerRef(event.entity.data);
    // The same lookup the ingest path makes, as the user: members of the workspace only.
    const directory = ref ? await loadUserDirectory(tx, { workspaceId: params.workspaceId, userIds: [], refs: [ref] }) : null;
    const user = ref ? directory?.resolve(ref) : undefined;
    const owner: OwnerInfo | undefined = user ? { id: user.id, email: user.email, name: user.name ?? user.email } : undefined;
    const format = await workspaceTextFormat(tx, params.workspaceId);
    const evaluation = evaluateAutomation(
      event,
      { id: "unsaved", version: 0, name: input.name, ownerId: params.userId, trigger: input.trigger, conditions: input.conditions, actions: input.actions, isActive: true },
      params.now,
      { owner, catalog, format },
    );
    return {
      ok: true,
      data: {
        event: { id: loaded.id, type: event.type, entityType: event.entity.type, entityId: event.entity.id, occurredAt: event.occurredAt },
        verdict: verdictOf(evaluation.matched, evaluation.status),
        trace: evaluation.trace,
        error: evaluation.error,
        actions: evaluation.actions.map(describePlanned),
        owner: { ref, email: user?.email ?? null },
      },
    };
  });
}
