"use server";
// The editor's question for time-based triggers: how many entities are already past the mark.
// Only async functions may be exported from this file (a schema export breaks at run time).

import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { countPastMark } from "./count-past-mark";

export async function countPastMarkAction(trigger: unknown): Promise<ActionResult<{ count: number | null }>> {
  const session = await requireSession();
  try {
    const count = await countPastMark((await getDb()).db, { claims: session.claims, workspaceId: session.workspace.id, trigger, now: new Date() });
    return { ok: true, data: { count } };
  } catch (error) {
    return toActionError(error);
  }
}
