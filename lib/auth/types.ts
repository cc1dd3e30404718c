import type { UserClaims } from "@/db/with-user";

export type WorkspaceRole = "admin" | "member";

export interface Session {
  user: { id: string; email: string };
  claims: UserClaims;
  workspace: { id: string; name: string; role: WorkspaceRole };
  /** The built-in session's row (user_sessions.id); absent with Supabase. */
  sessionId?: string | null;
}

/** The slice of a cookie jar the auth code needs: Next's cookies(), a NextRequest's, or a test's. */
export interface CookieReader {
  getAll(): Array<{ name: string; value: string }>;
}

export type AuthProvider = "builtin" | "supabase";

/** What the sign-in and sign-up actions hand back to their forms (on success they redirect instead). */
export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** A non-error outcome to show, e.g. "check your inbox" after a Supabase sign-up. */
  notice?: string;
  values?: { email?: string; workspaceName?: string };
}

/** What the account page's forms hand back. */
export interface AccountFormState {
  error?: string;
  notice?: string;
  fieldErrors?: Record<string, string>;
  /** Changes after each success, so the form clears its inputs. */
  version?: number;
}
