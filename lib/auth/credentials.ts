import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
import { AppError } from "@/lib/result";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import type { WorkspaceLocale } from "@/lib/workspaces/locales";
import { hashPassword, verifyPassword } from "./password";
import { PG, pgErrorCode } from "./pg-error";
import { defaultWorkspaceName } from "./schemas";

export interface AuthUser {
  id: string;
  email: string;
}

/**
 * Built-in accounts: the user whose password matches, or null. An unknown email costs the same
 * scrypt time as a wrong password, so timing does not reveal which emails have accounts.
 */
export async function verifyCredentials(db: Db, params: { email: string; password: string }): Promise<AuthUser | null> {
  const email = params.email.trim().toLowerCase();
  const [user] = await db
    .select({ id: authUsers.id, email: authUsers.email, hash: authUsers.encryptedPassword })
    .from(authUsers)
    .where(eq(authUsers.email, email))
    .limit(1);
  const ok = await verifyPassword(params.password, user?.hash);
  return ok && user ? { id: user.id, email: user.email ?? email } : null;
}

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export interface RegisterAccountParams {
  email: string;
  password: string;
  workspaceName?: string;
  /** The browser's time zone, for the new workspace (else UTC). */
  timeZone?: string;
  locale?: WorkspaceLocale;
}

/** Sign-up: the user, their profile and their own workspace with them as its admin, all or nothing. */
export async function registerAccount(db: Db, params: RegisterAccountParams): Promise<AuthUser & { workspaceId: string }> {
  const email = params.email.trim().toLowerCase();
  const passwordHash = await hashPassword(params.password);
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email)).limit(1);
      if (taken) throw new AppError("conflict", EMAIL_TAKEN, { email: EMAIL_TAKEN });
      const user = await createUser(tx, { email, passwordHash });
      const workspace = await createWorkspace(tx as unknown as Db, {
        name: params.workspaceName ?? defaultWorkspaceName(email),
        adminId: user.id,
        timeZone: params.timeZone,
        locale: params.locale,
      });
      return { ...user, workspaceId: workspace.id };
    });
  } catch (error) {
    // Two sign-ups for one email at once: the unique index decides, and the loser hears why.
    if (pgErrorCode(error) === PG.uniqueViolation) throw new AppError("conflict", EMAIL_TAKEN, { email: EMAIL_TAKEN });
    throw error;
  }
}
