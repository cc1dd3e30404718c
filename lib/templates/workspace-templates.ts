// Workspace templates: admins save an automation's definition under a name; every member may start
// from one. Webhook header values (often credentials) are never copied into a template.

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceTemplates } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { pgErrorCode, PG } from "@/lib/auth/pg-error";
import { definitionOf, type AutomationDefinition } from "@/lib/automations/definition";
import { getAutomation } from "@/lib/automations/get-automation";
import { isAutomationId, type AutomationScope } from "@/lib/automations/scope";
import { AppError } from "@/lib/result";
import { mapHeaderValues } from "@/lib/transfer/document";

export type WorkspaceTemplate = { id: string; name: string; description: string | null; definition: AutomationDefinition; createdAt: Date };

/** The definition with every webhook header's value blanked, and the paths of those blanks. */
export function withoutHeaderValues(definition: AutomationDefinition): { definition: AutomationDefinition; blanks: string[] } {
  const blanks: string[] = [];
  const actions = mapHeaderValues(definition.actions, (_value, path) => {
    blanks.push(path);
    return "";
  });
  return { definition: { ...definition, actions }, blanks };
}

export async function listWorkspaceTemplates(db: Db, scope: AutomationScope): Promise<WorkspaceTemplate[]> {
  const rows = await withUser(db, scope.claims, (tx) =>
    tx
      .select({ id: workspaceTemplates.id, name: workspaceTemplates.name, description: workspaceTemplates.description, definition: workspaceTemplates.definition, createdAt: workspaceTemplates.createdAt })
      .from(workspaceTemplates)
      .where(eq(workspaceTemplates.workspaceId, scope.workspaceId))
      .orderBy(asc(workspaceTemplates.name)),
  );
  return rows.map((row) => ({ ...row, definition: definitionOf(row.definition as AutomationDefinition) }));
}

export async function getWorkspaceTemplate(db: Db, scope: AutomationScope & { id: string }): Promise<WorkspaceTemplate | null> {
  if (!isAutomationId(scope.id)) return null;
  return (await listWorkspaceTemplates(db, scope)).find((t) => t.id === scope.id) ?? null;
}

export type SaveTemplateParams = AutomationScope & { automationId: string; name: string; description?: string };

/** Saves an automation the admin can see as a workspace template; a taken name is refused. */
export async function saveWorkspaceTemplate(db: Db, params: SaveTemplateParams): Promise<{ id: string }> {
  const name = params.name.trim();
  if (name.length < 1 || name.length > 120) throw new AppError("invalid_input", "Give the template a name of at most 120 characters");
  const description = params.description?.trim().slice(0, 1000) || null;
  const automation = await getAutomation(db, { ...params, id: params.automationId });
  const { definition } = withoutHeaderValues(definitionOf(automation));
  try {
    const [row] = await withUser(db, params.claims, (tx) =>
      tx
        .insert(workspaceTemplates)
        .values({ workspaceId: params.workspaceId, name, description, definition: { ...definition, name }, createdBy: params.claims.sub })
        .returning({ id: workspaceTemplates.id }),
    );
    return row;
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === PG.uniqueViolation) throw new AppError("conflict", `A template named “${name}” already exists`);
    if (code === PG.insufficientPrivilege) throw new AppError("forbidden", "Only workspace admins can save templates");
    throw error;
  }
}

export async function deleteWorkspaceTemplate(db: Db, params: AutomationScope & { id: string }): Promise<void> {
  if (!isAutomationId(params.id)) throw new AppError("not_found", "Template not found");
  const deleted = await withUser(db, params.claims, (tx) =>
    tx
      .delete(workspaceTemplates)
      .where(and(eq(workspaceTemplates.id, params.id), eq(workspaceTemplates.workspaceId, params.workspaceId)))
      .returning({ id: workspaceTemplates.id }),
  );
  if (deleted.length === 0) throw new AppError("not_found", "Template not found");
}
