"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { changePassword } from "./change-password";
import { SESSION_COOKIE, SIGN_IN_PATH, WORKSPACE_COOKIE } from "./config";
import { logUnexpected } from "./pg-error";
import { authProvider } from "./provider";
import { changePasswordSchema } from "./schemas";
import { requestCookieJar, requireSession } from "./session";
import type { AccountFormState } from "./types";
import { revokeUserSessions } from "./user-sessions";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Built-in accounts: a new password, and every other session of the user is signed out. */
export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const session = await requireSession();
  if (authProvider() !== "builtin" || !session.sessionId) return { error: "Change your password where you manage your sign-in." };
  const parsed = changePasswordSchema.safeParse({ currentPassword: text(formData, "currentPassword"), newPassword: text(formData, "newPassword") });
  if (!parsed.success) return { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  try {
    const { db } = await getDb();
    const { revoked } = await changePassword(db, { ...parsed.data, userId: session.user.id, keepSessionId: session.sessionId });
    const others = revoked === 1 ? "1 other session was" : `${revoked} other sessions were`;
    return { notice: `Password changed. ${others} signed out.`, version: Date.now() };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, fieldErrors: error.fieldErrors };
    logUnexpected("password change failed", error);
    return { error: "Something went wrong. Please try again." };
  }
}

/** Revokes every session of the user, this one included (Supabase: a global sign-out). */
export async function signOutEverywhere(): Promise<void> {
  const session = await requireSession();
  try {
    if (authProvider() === "supabase") {
      const { supabaseSignOut } = await import("./supabase-accounts");
      await supabaseSignOut(await requestCookieJar());
    } else {
      await revokeUserSessions((await getDb()).db, { userId: session.user.id });
    }
  } catch (error) {
    logUnexpected("sign-out everywhere failed", error);
  }
  const store = await cookies();
  store.delete(SESSION_COOKIE);
  store.delete(WORKSPACE_COOKIE);
  redirect(SIGN_IN_PATH);
}
