// What every automation domain function shares: who is asking (claims + workspace, both from the
// session), the columns a caller gets back, and the one way "you cannot see it" is reported.

import { and, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { automations, profiles } from "@/db/schema";
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
  createdAt: Date;
  updatedAt: Date;
};

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
