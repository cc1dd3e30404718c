import type { Db } from "@/db/client";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { AppError } from "@/lib/result";
import { getVersion, versionNotFound } from "./list-versions";
import { parseAutomationInput } from "./save-automation";
import type { AutomationRecord, AutomationScope } from "./scope";
import { updateAutomation } from "./update-automation";

export type RestoreVersionParams = AutomationScope & { automationId: string; version: number };

/**
 * Makes an old version current again by saving its definition as a new version: history is never
 * rewritten. The old definition is validated as today's form would (a member it names may have
 * left), so a restore can be refused with the reason.
 */
export async function restoreVersion(db: Db, params: RestoreVersionParams): Promise<AutomationRecord> {
  const old = await getVersion(db, params);
  if (!old) throw versionNotFound();
  const { definition } = old;
  const parsed = parseAutomationInput({ ...definition, description: definition.description ?? undefined, conditions: definition.conditions ?? undefined }, await getFieldCatalog(db, params.workspaceId));
  if (!parsed.ok) {
    const problems = Object.values(parsed.fieldErrors).join("; ");
    throw new AppError("invalid_input", `Version ${params.version} can no longer be saved as it was: ${problems}`);
  }
  return updateAutomation(db, { claims: params.claims, workspaceId: params.workspaceId, id: params.automationId, input: parsed.data, summary: `Restored version ${params.version}` });
}
