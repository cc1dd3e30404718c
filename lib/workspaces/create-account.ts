import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers, profiles, workspaceMembers, workspaces } from "@/db/schema";
import type { Tx } from "@/db/with-user";
import { DEFAULT_LOCALE, type WorkspaceLocale } from "./locales";
import { normalizeTimeZone } from "./time-zone";

export interface CreateUserParams {
  email: string;
  passwordHash: string | null;
  id?: string;
}

/** Service path: writes the auth user (the shim's table, or Supabase's) and its profile. */
export async function createUser(db: Db | Tx, params: CreateUserParams): Promise<{ id: string; email: string }> {
  const email = params.email.trim().toLowerCase();
  const [user] = await db
    .insert(authUsers)
    .values({ id: params.id ?? crypto.randomUUID(), email, encryptedPassword: params.passwordHash, createdAt: new Date() })
    .returning({ id: authUsers.id });
  await ensureProfile(db, { id: user.id, email });
  return { id: user.id, email };
}

export async function ensureProfile(db: Db | Tx, user: { id: string; email: string }): Promise<void> {
  await db
    .insert(profiles)
    .values({ id: user.id, email: user.email })
    .onConflictDoUpdate({ target: profiles.id, set: { email: sql`excluded.email` } });
}

export interface CreateWorkspaceParams {
  name: string;
  adminId: string;
  adminCrmUserId?: string | null;
  /** IANA name, e.g. the browser's at sign-up; anything unknown becomes UTC. */
  timeZone?: string;
  /** The number format, from the browser at sign-up (lib/workspaces/locales.ts). */
  locale?: WorkspaceLocale;
}

/** Service path: a workspace with its first admin, in one transaction. */
export async function createWorkspace(db: Db, params: CreateWorkspaceParams): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: params.name, timeZone: normalizeTimeZone(params.timeZone), locale: params.locale ?? DEFAULT_LOCALE })
      .returning({ id: workspaces.id });
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: workspace.id, userId: params.adminId, role: "admin", crmUserId: params.adminCrmUserId ?? null });
    return workspace;
  });
}
