"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { clientIp } from "./client-ip";
import { DEFAULT_AFTER_SIGN_IN, SESSION_COOKIE, SIGN_IN_PATH, WORKSPACE_COOKIE } from "./config";
import { registerAccount, verifyCredentials, type AuthUser } from "./credentials";
import { signSessionToken } from "./jwt";
import { safeNextPath } from "./next-path";
import { logUnexpected } from "./pg-error";
import { authProvider } from "./provider";
import { rateLimitedSignIn } from "./rate-limit";
import { listMemberships } from "./resolve-session";
import { signInSchema, signUpSchema } from "./schemas";
import { authSecret } from "./secret";
import { requestCookieJar, requireSession } from "./session";
import { sessionCookieOptions, workspaceCookieOptions } from "./session-cookie";
import type { AuthFormState } from "./types";
import { localeFromBrowser } from "@/lib/workspaces/locales";

const GENERIC_ERROR = "Something went wrong. Please try again.";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function startBuiltinSession(user: AuthUser): Promise<void> {
  const token = await signSessionToken(user, authSecret());
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions());
}

function failure(error: unknown, values: AuthFormState["values"], context: string): AuthFormState {
  if (error instanceof AppError) return { error: error.message, fieldErrors: error.fieldErrors, values };
  logUnexpected(context, error);
  return { error: GENERIC_ERROR, values };
}

async function supabasePasswordCheck(credentials: { email: string; password: string }): Promise<() => Promise<AuthUser | null>> {
  const [{ supabaseSignIn }, jar] = await Promise.all([import("./supabase-accounts"), requestCookieJar()]);
  return () => supabaseSignIn(jar, credentials);
}

/** Email + password sign-in, rate-limited per email and client address; redirects to `next` on success. */
export async function signIn(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email") };
  const parsed = signInSchema.safeParse({ email: values.email, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsFromIssues(parsed.error.issues), values };
  const next = safeNextPath(text(formData, "next"));
  try {
    const { db } = await getDb();
    const ip = clientIp(await headers());
    const provider = authProvider();
    const check = provider === "supabase" ? await supabasePasswordCheck(parsed.data) : () => verifyCredentials(db, parsed.data);
    const outcome = await rateLimitedSignIn(db, { email: parsed.data.email, ip }, check);
    if (!outcome.ok) return { error: outcome.error, values };
    if (provider === "builtin") await startBuiltinSession(outcome.user);
  } catch (error) {
    return failure(error, values, "sign-in failed");
  }
  redirect(next);
}

/** Creates an account and the user's own workspace (they are its admin), then signs them in. */
export async function signUp(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email"), workspaceName: text(formData, "workspaceName") };
  const parsed = signUpSchema.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsFromIssues(parsed.error.issues), values };
  const next = safeNextPath(text(formData, "next"), DEFAULT_AFTER_SIGN_IN);
  // The browser's language picks the new workspace's number format; admins change it later.
  const account = { ...parsed.data, locale: localeFromBrowser(text(formData, "locale")) };
  try {
    const { db } = await getDb();
    if (authProvider() === "supabase") {
      const { supabaseSignUp } = await import("./supabase-accounts");
      const result = await supabaseSignUp(db, await requestCookieJar(), account);
      if (!result.signedIn) return { notice: "Check your inbox: confirm your email, then sign in.", values };
    } else {
      const user = await registerAccount(db, account);
      await startBuiltinSession(user);
      (await cookies()).set(WORKSPACE_COOKIE, user.workspaceId, workspaceCookieOptions());
    }
  } catch (error) {
    return failure(error, values, "sign-up failed");
  }
  redirect(next);
}

export async function signOut(): Promise<void> {
  const store = await cookies();
  if (authProvider() === "supabase") {
    try {
      const { supabaseSignOut } = await import("./supabase-accounts");
      await supabaseSignOut(await requestCookieJar());
    } catch (error) {
      logUnexpected("sign-out failed", error);
    }
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
