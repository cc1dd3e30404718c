import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { AppError } from "@/lib/result";
import { automationValues } from "./create-automation";
import { definitionOf, sameDefinition } from "./definition";
import { findAutomation } from "./get-automation";
import { recordVersion } from "./record-version";
import { summarizeChange } from "./summarize-change";
import { assertMembersOfWorkspace } from "./list-assignable-members";
import type { AutomationInput } from "./schema";
import { automationNotFound, isAutomationId, liveAutomation, type AutomationRecord, type AutomationScope } from "./scope";
import { activationValues } from "./set-automation-active";

export type UpdateAutomationParams = AutomationScope & {
  id: string;
  input: AutomationInput;
  /** The version the editor loaded: a save over someone else's newer save is refused, not lost. */
  expectedVersion?: number;
  /** Optionally switch it on or off in the same save (reactivating clears the failure streak). */
  isActive?: boolean;
  /** Said before what changed in the version's summary (a restore names the version it restored). */
  summary?: string;
};

/**
 * Saves a new version (version + 1, `updated_at` now, a row in automation_versions with what changed)
 * when the definition changed; a save that changes nothing writes no version. The owner never changes.
 */
export async function updateAutomation(db: Db, params: UpdateAutomationParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  const catalog = await getFieldCatalog(db, params.workspaceId);
  return withUser(db, params.claims, async (tx) => {
    const existing = await findAutomation(tx, params.workspaceId, params.id);
    if (!existing) throw automationNotFound();
    if (params.expectedVersion !== undefined && params.expectedVersion !== existing.version) throw conflict();
    await assertMembersOfWorkspace(tx, params.workspaceId, params.input.actions);
    const before = definitionOf(existing);
    const after = definitionOf(params.input);
    const changed = !sameDefinition(before, after);
    const activation = params.isActive === undefined || params.isActive === existing.isActive ? {} : activationValues(params.isActive);
    if (!changed && Object.keys(activation).length === 0) return existing;
    const updated = await tx
      .update(automations)
      .set({
        ...(changed ? { ...automationValues(params.input), version: sql`${automations.version} + 1` } : {}),
        ...activation,
        updatedAt: sql`now()`,
      })
      .where(and(liveAutomation(params.workspaceId, params.id), eq(automations.version, existing.version)))
      .returning({ version: automations.version });
    // Lost a race with a concurrent save between the read above and this write.
    if (updated.length === 0) throw conflict();
    if (changed) {
      await recordVersion(tx, {
        automationId: params.id,
        workspaceId: params.workspaceId,
        version: updated[0].version,
        definition: after,
        authorId: params.claims.sub,
        summary: withPrefix(params.summary, summarizeChange(before, after, catalog)),
      });
    }
    return (await findAutomation(tx, params.workspaceId, params.id))!;
  });
}

function withPrefix(prefix: string | undefined, change: string): string {
  return prefix ? (change ? `${prefix}: ${change}` : prefix) : change;
}

function conflict(): AppError {
  return new AppError("conflict", "Someone else saved this automation while you were editing. Reload to see their changes.");
}
