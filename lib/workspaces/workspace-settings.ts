// The workspace's own settings (today: its locale). Reads and writes run as the user, so the
// database's policies decide: members read, admins change (drizzle/0002 workspaces_update).

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { RAW_FORMAT, type TextFormat } from "@/lib/engine/text-format";
import { AppError } from "@/lib/result";
import { DEFAULT_LOCALE, workspaceLocaleSchema, type WorkspaceLocale } from "./locales";

export type WorkspaceScope = { claims: UserClaims; workspaceId: string };

export type WorkspaceSettings = { locale: WorkspaceLocale };

export async function getWorkspaceSettings(db: Db, scope: WorkspaceScope): Promise<WorkspaceSettings> {
  const [row] = await withUser(db, scope.claims, (tx) =>
    tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, scope.workspaceId)),
  );
  const parsed = workspaceLocaleSchema.safeParse(row?.locale);
  return { locale: parsed.success ? parsed.data : DEFAULT_LOCALE };
}

/** How the workspace's rendered text writes numbers and dates: its locale and time zone. */
export async function workspaceTextFormat(db: Db | Tx, workspaceId: string): Promise<TextFormat> {
  const [row] = await db.select({ locale: workspaces.locale, timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ?? RAW_FORMAT;
}

export type UpdateWorkspaceSettingsParams = WorkspaceScope & { input: unknown };

/** Admins only: a member's update matches no row under the policy and is reported as forbidden. */
export async function updateWorkspaceSettings(db: Db, params: UpdateWorkspaceSettingsParams): Promise<WorkspaceSettings> {
  const input = params.input as { locale?: unknown } | null;
  const parsed = workspaceLocaleSchema.safeParse(input?.locale);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Choose a format";
    throw new AppError("invalid_input", message, { locale: message });
  }
  const updated = await withUser(db, params.claims, (tx) =>
    tx.update(workspaces).set({ locale: parsed.data }).where(eq(workspaces.id, params.workspaceId)).returning({ locale: workspaces.locale }),
  );
  if (updated.length === 0) throw new AppError("forbidden", "Only workspace admins can change the workspace's settings.");
  return { locale: parsed.data };
}
