import type { Db } from "@/db/client";
import { AppError } from "@/lib/result";
import { EMAIL_TAKEN, type AuthUser } from "./credentials";
import { provisionFirstWorkspace } from "./resolve-session";
import { createSupabaseServerClient, type SupabaseCookieJar } from "./supabase";
import type { WorkspaceLocale } from "@/lib/workspaces/locales";

/**
 * Supabase mode: the password check happens at Supabase, which writes the session cookies through the
 * jar. Wrong credentials are null (counted by the rate limit); anything else a person can act on is
 * an AppError; an outage throws.
 */
export async function supabaseSignIn(jar: SupabaseCookieJar, params: { email: string; password: string }): Promise<AuthUser | null> {
  const { data, error } = await createSupabaseServerClient(jar).auth.signInWithPassword(params);
  if (error) {
    if (error.code === "invalid_credentials") return null;
    if (error.code === "email_not_confirmed") {
      throw new AppError("forbidden", "Confirm your email first: follow the link in the message we sent you.");
    }
    throw error;
  }
  return { id: data.user.id, email: data.user.email ?? params.email };
}

export type SupabaseSignUpResult = { signedIn: true } | { signedIn: false; confirmEmail: true };

/** Creates the Supabase account and, once there is a session, the user's own workspace. */
export async function supabaseSignUp(
  db: Db,
  jar: SupabaseCookieJar,
  params: { email: string; password: string; workspaceName?: string; locale?: WorkspaceLocale },
): Promise<SupabaseSignUpResult> {
  const { data, error } = await createSupabaseServerClient(jar).auth.signUp({ email: params.email, password: params.password });
  if (error) {
    if (error.code === "user_already_exists" || error.code === "email_exists") {
      throw new AppError("conflict", EMAIL_TAKEN, { email: EMAIL_TAKEN });
    }
    if (error.code === "weak_password") throw new AppError("invalid_input", error.message, { password: error.message });
    throw error;
  }
  // With email confirmation on, Supabase answers without a session: the workspace comes at first sign-in.
  if (!data.session || !data.user) return { signedIn: false, confirmEmail: true };
  await provisionFirstWorkspace(
    db,
    { sub: data.user.id, email: data.user.email ?? params.email, role: "authenticated" },
    "supabase",
    params.workspaceName,
    params.locale,
  );
  return { signedIn: true };
}

export async function supabaseSignOut(jar: SupabaseCookieJar): Promise<void> {
  // "global": Supabase revokes every refresh token of the user. Access tokens already issued stay
  // valid until they expire (at most an hour, Supabase's default JWT expiry).
  const { error } = await createSupabaseServerClient(jar).auth.signOut({ scope: "global" });
  if (error) console.error(`supabase sign-out: ${error.code ?? error.name}`);
}
