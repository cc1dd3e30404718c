"use server";
// The automation editor's test run. Session first; the workspace comes from the session. Reads
// only. Only async functions may be exported from this file (a schema export breaks at run time).

import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { isEntityType } from "@/lib/automations/fields";
import { toActionError, type ActionResult } from "@/lib/result";
import { evaluateTestRun, type TestRunOutcome } from "./evaluate-test-run";
import { listTestEvents, type TestEventOption } from "./list-test-events";

/** Evaluates the unsaved form values against `{ eventId }` or `{ payload }` (pasted JSON text). */
export async function testRunAutomation(formValues: unknown, source: unknown): Promise<ActionResult<TestRunOutcome>> {
  const session = await requireSession();
  try {
    const { db } = await getDb();
    return await evaluateTestRun(db, session.claims, {
      workspaceId: session.workspace.id,
      userId: session.user.id,
      input: formValues,
      source,
      now: new Date(),
    });
  } catch (error) {
    return toActionError(error);
  }
}

/** The latest events of an entity type, for the test-run panel's "Recent event" list. */
export async function listTestEventsAction(entityType: unknown): Promise<ActionResult<TestEventOption[]>> {
  const session = await requireSession();
  if (!isEntityType(entityType)) return { ok: false, error: "Unknown entity type" };
  try {
    const { db } = await getDb();
    return { ok: true, data: await listTestEvents(db, session.claims, { workspaceId: session.workspace.id, entityType }) };
  } catch (error) {
    return toActionError(error);
  }
}
