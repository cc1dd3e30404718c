import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationVersions, profiles } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { definitionOf, type AutomationDefinition } from "./definition";
import { isAutomationId, type AutomationScope } from "./scope";

export type VersionSummary = { version: number; summary: string; authorEmail: string | null; createdAt: Date };
export type VersionRecord = VersionSummary & { automationId: string; definition: AutomationDefinition };

const summaryColumns = {
  version: automationVersions.version,
  summary: automationVersions.summary,
  authorEmail: profiles.email,
  createdAt: automationVersions.createdAt,
};

/** An automation's versions, newest first, if the reader may see the automation (deleted ones too). */
export async function listVersions(db: Db, params: AutomationScope & { automationId: string }): Promise<VersionSummary[]> {
  if (!isAutomationId(params.automationId)) return [];
  return withUser(db, params.claims, (tx) =>
    tx
      .select(summaryColumns)
      .from(automationVersions)
      .leftJoin(profiles, eq(profiles.id, automationVersions.authorId))
      .where(and(eq(automationVersions.automationId, params.automationId), eq(automationVersions.workspaceId, params.workspaceId)))
      .orderBy(desc(automationVersions.version)),
  );
}

/** One version with its definition; null when it does not exist or the reader may not see it. */
export async function getVersion(db: Db, params: AutomationScope & { automationId: string; version: number }): Promise<VersionRecord | null> {
  if (!isAutomationId(params.automationId) || !Number.isInteger(params.version)) return null;
  const [row] = await withUser(db, params.claims, (tx) =>
    tx
      .select({
        ...summaryColumns,
        automationId: automationVersions.automationId,
        name: automationVersions.name,
        description: automationVersions.description,
        trigger: automationVersions.trigger,
        conditions: automationVersions.conditions,
        actions: automationVersions.actions,
      })
      .from(automationVersions)
      .leftJoin(profiles, eq(profiles.id, automationVersions.authorId))
      .where(
        and(
          eq(automationVersions.automationId, params.automationId),
          eq(automationVersions.workspaceId, params.workspaceId),
          eq(automationVersions.version, params.version),
        ),
      )
      .limit(1),
  );
  if (!row) return null;
  const { name, description, trigger, conditions, actions, ...meta } = row;
  return { ...meta, definition: definitionOf({ name, description, trigger, conditions, actions }) };
}

export function versionNotFound(): AppError {
  return new AppError("not_found", "Version not found");
}
