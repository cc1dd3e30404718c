import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { automationValues } from "./create-automation";
import { findAutomation } from "./get-automation";
import { assertMembersOfWorkspace } from "./list-assignable-members";
import type { AutomationInput } from "./schema";
import { automationNotFound, isAutomationId, type AutomationRecord, type AutomationScope } from "./scope";
import { sameJson } from "./same-json";
import { activationValues } from "./set-automation-active";

export type UpdateAutomationParams = AutomationScope & {
  id: string;
  input: AutomationInput;
  /** The version the editor loaded: a save over someone else's newer save is refused, not lost. */
  expectedVersion?: number;
  /** Optionally switch it on or off in the same save (reactivating clears the failure streak). */
  isActive?: boolean;
};

/**
 * Saves a new version: version + 1, `updated_at` now. The owner never changes on edit. A save that
 * changes nothing (same definition, same active state) writes nothing and keeps the version.
 */
export async function updateAutomation(db: Db, params: UpdateAutomationParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  return withUser(db, params.claims, async (tx) => {
    const existing = await findAutomation(tx, params.workspaceId, params.id);
    if (!existing) throw automationNotFound();
    if (params.expectedVersion !== undefined && params.expectedVersion !== existing.version) {
      throw new AppError("conflict", "Someone else saved this automation while you were editing. Reload to see their changes.");
    }
    await assertMembersOfWorkspace(tx, params.workspaceId, params.input.actions);
    if (isUnchanged(existing, params)) return existing;
    const matchVersion = params.expectedVersion === undefined ? [] : [eq(automations.version, params.expectedVersion)];
    const updated = await tx
      .update(automations)
      .set({
        ...automationValues(params.input),
        ...(params.isActive === undefined ? {} : activationValues(params.isActive)),
        version: sql`${automations.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(automations.id, params.id), eq(automations.workspaceId, params.workspaceId), ...matchVersion))
      .returning({ id: automations.id });
    // Lost a race with a concurrent save between the read above and this write.
    if (updated.length === 0) throw new AppError("conflict", "Someone else saved this automation while you were editing. Reload to see their changes.");
    return (await findAutomation(tx, params.workspaceId, params.id))!;
  });
}

function isUnchanged(existing: AutomationRecord, params: UpdateAutomationParams): boolean {
  if (params.isActive !== undefined && params.isActive !== existing.isActive) return false;
  const next = automationValues(params.input);
  return (
    next.name === existing.name &&
    next.description === existing.description &&
    sameJson(next.trigger, existing.trigger) &&
    sameJson(next.conditions, existing.conditions) &&
    sameJson(next.actions, existing.actions)
  );
}
