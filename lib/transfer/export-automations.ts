import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import { isAutomationId, type AutomationScope } from "@/lib/automations/scope";
import { EXPORT_FORMAT, EXPORT_VERSION, mapHeaderValues, mapMemberRecipients, REDACTED, type ExportDocument } from "./document";

/** The automations the caller may see (all, or those of `ids`), as an export document. */
export async function exportAutomations(db: Db, scope: AutomationScope & { ids?: string[]; now?: Date }): Promise<ExportDocument> {
  const ids = scope.ids?.filter(isAutomationId);
  const rows = await withUser(db, scope.claims, (tx) =>
    tx
      .select({ name: automations.name, description: automations.description, trigger: automations.trigger, conditions: automations.conditions, actions: automations.actions })
      .from(automations)
      .where(and(eq(automations.workspaceId, scope.workspaceId), isNull(automations.deletedAt), ...(ids ? [inArray(automations.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"])] : [])))
      .orderBy(asc(automations.name)),
  );
  const emails = new Map((await listAssignableMembers(db, scope)).map((m) => [m.userId, m.email]));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (scope.now ?? new Date()).toISOString(),
    automations: rows.map((row) => {
      const actions = Array.isArray(row.actions) ? row.actions : [];
      const withEmails = mapMemberRecipients(actions, (r) => ({ kind: "member", email: emails.get(String(r.userId)) ?? null }));
      return {
        name: row.name,
        description: row.description,
        trigger: row.trigger,
        conditions: row.conditions ?? null,
        actions: mapHeaderValues(withEmails, () => REDACTED),
      };
    }),
  };
}
