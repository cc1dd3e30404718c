// What every automation domain function shares: who is asking (claims + workspace, both from the
// session), the columns a caller gets back, and the one way "you cannot see it" is reported.

import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { automations, profiles, removedMembers } from "@/db/schema";
import type { UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";

/** Who acts and in which workspace. Both come from the session, never from the client. */
export type AutomationScope = { claims: UserClaims; workspaceId: string };

export type AutomationRecord = {
  id: string;
  workspaceId: string;
  ownerId: string;
  /** Null only when the owner's profile is not visible (should not happen within a workspace). */
  ownerEmail: string | null;
  name: string;
  description: string | null;
  isActive: boolean;
  trigger: unknown;
  triggerType: string;
  conditions: unknown;
  actions: unknown;
  version: number;
  consecutiveFailures: number;
  disabledReason: string | null;
  /** The address of someone removed from the workspace whom an action still names (it will fail). */
  removedMember: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** True when an action names the member `$u` (assignee, notify or email recipient). */
export const NAMES_MEMBER_PATH = `$[*].config.* ? (@.kind == "member" && @.userId == $u)`;

/** Explicit columns (with the owner's email from `profiles`) for every read that returns a record. */
export const automationColumns = {
  id: automations.id,
  workspaceId: automations.workspaceId,
  ownerId: automations.ownerId,
  ownerEmail: profiles.email,
  name: automations.name,
  description: automations.description,
  isActive: automations.isActive,
  trigger: automations.trigger,
  triggerType: automations.triggerType,
  conditions: automations.conditions,
  actions: automations.actions,
  version: automations.version,
  consecutiveFailures: automations.consecutiveFailures,
  disabledReason: automations.disabledReason,
  // Removed people are few: each row checks its actions against them (drizzle/0027).
  removedMember: sql<string | null>`(select rm.email from ${removedMembers} rm where rm.workspace_id = ${automations.workspaceId} and jsonb_path_exists(${automations.actions}, ${NAMES_MEMBER_PATH}::jsonpath, jsonb_build_object('u', rm.user_id::text)) order by rm.removed_at desc limit 1)`,
  createdAt: automations.createdAt,
  updatedAt: automations.updatedAt,
};

/** One automation of a workspace that has not been deleted (deleted ones are kept only for their runs). */
export function liveAutomation(workspaceId: string, id: string): SQL {
  return and(eq(automations.id, id), eq(automations.workspaceId, workspaceId), isNull(automations.deletedAt))!;
}

const idSchema = z.uuid();

/** A malformed id can name no row: report it like any invisible row instead of a SQL error. */
export function isAutomationId(id: unknown): id is string {
  return idSchema.safeParse(id).success;
}

export function automationNotFound(): AppError {
  return new AppError("not_found", "Automation not found");
}
