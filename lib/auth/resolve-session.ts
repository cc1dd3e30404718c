import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers, profiles, workspaceMembers, workspaces } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { createWorkspace, ensureProfile } from "@/lib/workspaces/create-account";
import type { WorkspaceLocale } from "@/lib/workspaces/locales";
import { defaultWorkspaceName } from "./schemas";
import type { AuthProvider, Session, WorkspaceRole } from "./types";

export interface Membership {
  workspaceId: string;
  name: string;
  role: WorkspaceRole;
}

/** The user's workspaces, oldest membership first, read as the user (row-level security applies). */
export async function listMemberships(db: Db, claims: UserClaims): Promise<Membership[]> {
  return withUser(db, claims, (tx) =>
    tx
      .select({ workspaceId: workspaceMembers.workspaceId, name: workspaces.name, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, claims.sub))
      .orderBy(asc(workspaceMembers.createdAt), asc(workspaceMembers.workspaceId)),
  );
}

export interface ResolveSessionParams {
  provider: AuthProvider;
  /** The `workspace_id` cookie: honoured only when the user is a member there. */
  preferredWorkspaceId?: string | null;
}

/**
 * Turns verified claims into the app's session. A user who belongs to no workspace (a new Supabase
 * user, or someone removed from their last one) gets their own, as its admin. A built-in session for
 * a user who no longer exists resolves to null; a Supabase user is trusted to exist, since Supabase
 * vouched for the token.
 */
export async function resolveSession(db: Db, claims: UserClaims, params: ResolveSessionParams): Promise<Session | null> {
  let memberships = await listMemberships(db, claims);
  if (memberships.length > 0 && params.provider === "supabase") await ensureSupabaseProfile(db, claims);
  if (memberships.length === 0) {
    const provisioned = await provisionFirstWorkspace(db, claims, params.provider);
    if (!provisioned) return null;
    memberships = await listMemberships(db, claims);
    if (memberships.length === 0) return null;
  }
  const active = memberships.find((m) => m.workspaceId === params.preferredWorkspaceId) ?? memberships[0];
  return {
    user: { id: claims.sub, email: claims.email ?? "" },
    claims,
    workspace: { id: active.workspaceId, name: active.name, role: active.role },
  };
}

/** A Supabase user always has a profile row (the app shows people by it), created on first sight. */
async function ensureSupabaseProfile(db: Db, claims: UserClaims): Promise<void> {
  const [profile] = await withUser(db, claims, (tx) =>
    tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, claims.sub)),
  );
  if (!profile) await ensureProfile(db, { id: claims.sub, email: (claims.email ?? "").toLowerCase() });
}

/**
 * Service path, serialised per user by an advisory lock so two first requests arriving together
 * create one workspace, not two. Returns false when a built-in user no longer exists.
 */
export async function provisionFirstWorkspace(
  db: Db,
  claims: UserClaims,
  provider: AuthProvider,
  workspaceName?: string,
  locale?: WorkspaceLocale,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`provision:${claims.sub}`}, 0))`);
    const [member] = await tx
      .select({ workspaceId: workspaceMembers.workspaceId })
      .from(workspaceMembers)
      .where(eq(workspaceMembers.userId, claims.sub))
      .limit(1);
    if (member) return true;

    const [user] = await tx.select({ id: authUsers.id, email: authUsers.email }).from(authUsers).where(eq(authUsers.id, claims.sub));
    if (!user) {
      if (provider === "builtin") return false;
      // Supabase owns auth.users; only the shim outside Supabase can lack the row.
      await tx.insert(authUsers).values({ id: claims.sub, email: claims.email ?? null, createdAt: new Date() });
    }
    const email = (claims.email ?? user?.email ?? "").toLowerCase();
    const [profile] = await tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, claims.sub));
    if (!profile || provider === "supabase") await ensureProfile(tx, { id: claims.sub, email });
    await createWorkspace(tx as unknown as Db, { name: workspaceName ?? defaultWorkspaceName(email), adminId: claims.sub, locale });
    return true;
  });
}
