"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { env } from "@/lib/env";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { clientIp } from "./client-ip";
import { DEFAULT_AFTER_SIGN_IN, SESSION_COOKIE, SIGN_IN_PATH, WORKSPACE_COOKIE } from "./config";
import { registerAccount } from "./credentials";
import { safeNextPath } from "./next-path";
import { passwordSignIn } from "./password-sign-in";
import { plainHttpProblem } from "./plain-http";
import { logUnexpected } from "./pg-error";
import { authProvider } from "./provider";
import { tooManyAttemptsMessage } from "./rate-limit";
import { listMemberships } from "./resolve-session";
import { signUpSchema } from "./schemas";
import { requestCookieJar, requireSession } from "./session";
import { workspaceCookieOptions } from "./session-cookie";
import { reserveSignUp } from "./sign-up-throttle";
import { startBuiltinSession } from "./start-session";
import type { AuthFormState } from "./types";
import { revokeUserSession } from "./user-sessions";
import { localeFromBrowser } from "@/lib/workspaces/locales";

const GENERIC_ERROR = "Something went wrong. Please try again.";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function failure(error: unknown, values: AuthFormState["values"], context: string): AuthFormState {
  if (error instanceof AppError) return { error: error.message, fieldErrors: error.fieldErrors, values };
  logUnexpected(context, error);
  return { error: GENERIC_ERROR, values };
}

/** Email + password sign-in (see passwordSignIn for the limits); redirects to `next` on success. */
export async function signIn(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email") };
  const next = safeNextPath(text(formData, "next"));
  try {
    const result = await passwordSignIn({ email: values.email, password: text(formData, "password") });
    if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  } catch (error) {
    return failure(error, values, "sign-in failed");
  }
  redirect(next);
}

/**
 * Creates an account and the user's own workspace (they are its admin), then signs them in.
 * Throttled per email, per trusted address and globally: its answer says whether an email is taken.
 */
export async function signUp(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email"), workspaceName: text(formData, "workspaceName") };
  const parsed = signUpSchema.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsFromIssues(parsed.error.issues), values };
  const next = safeNextPath(text(formData, "next"), DEFAULT_AFTER_SIGN_IN);
  const requestHeaders = await headers();
  // The account would be created, and its session cookie then dropped by the browser.
  const plainHttp = authProvider() === "builtin" ? plainHttpProblem(requestHeaders) : null;
  if (plainHttp) return { error: plainHttp, values };
  // The browser's language picks the new workspace's number format, its clock the time zone; admins change both later.
  const account = { ...parsed.data, locale: localeFromBrowser(text(formData, "locale")), timeZone: text(formData, "timeZone") };
  try {
    const { db } = await getDb();
    const gate = await reserveSignUp(db, { email: parsed.data.email, ip: clientIp(requestHeaders, env().TRUSTED_PROXY_COUNT) });
    if (!gate.allowed) return { error: tooManyAttemptsMessage(gate.retryAfterSeconds), values };
    if (authProvider() === "supabase") {
      const { supabaseSignUp } = await import("./supabase-accounts");
      const result = await supabaseSignUp(db, await requestCookieJar(), account);
      if (!result.signedIn) return { notice: "Check your inbox: confirm your email, then sign in.", values };
    } else {
      const user = await registerAccount(db, account);
      await startBuiltinSession(db, user);
      (await cookies()).set(WORKSPACE_COOKIE, user.workspaceId, workspaceCookieOptions());
    }
  } catch (error) {
    return failure(error, values, "sign-up failed");
  }
  redirect(next);
}

/** Ends this session: revoked on the server (built-in), or signed out everywhere at Supabase. */
export async function signOut(): Promise<void> {
  const store = await cookies();
  try {
    if (authProvider() === "supabase") {
      const { supabaseSignOut } = await import("./supabase-accounts");
      await supabaseSignOut(await requestCookieJar());
    } else {
      const { readBuiltinToken } = await import("./builtin");
      const token = await readBuiltinToken(store);
      if (token) await revokeUserSession((await getDb()).db, { sessionId: token.sessionId, userId: token.claims.sub });
    }
  } catch (error) {
    logUnexpected("sign-out failed", error);
  }
  store.delete(SESSION_COOKIE);
  store.delete(WORKSPACE_COOKIE);
  redirect(SIGN_IN_PATH);
}

/** Makes another of the user's workspaces the active one (the choice is re-checked on every request). */
export async function switchWorkspace(formData: FormData): Promise<void> {
  const session = await requireSession();
  const workspaceId = text(formData, "workspaceId");
  const { db } = await getDb();
  const memberships = await listMemberships(db, session.claims);
  if (memberships.some((m) => m.workspaceId === workspaceId)) {
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, workspaceCookieOptions());
  }
  redirect(DEFAULT_AFTER_SIGN_IN);
}
