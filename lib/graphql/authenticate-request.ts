// Who a GraphQL request acts as: a personal API token (`Authorization: Bearer cra_…`) or the
// browser's session cookie. No credential, or a bad one, is UNAUTHENTICATED (HTTP 401).

import type { Db } from "@/db/client";
import type { UserClaims } from "@/db/with-user";
import { authenticateToken } from "@/lib/api-tokens/authenticate-token";
import { readIdentity } from "@/lib/auth/claims";
import { WORKSPACE_COOKIE } from "@/lib/auth/config";
import { authProvider } from "@/lib/auth/provider";
import { resolveSession } from "@/lib/auth/resolve-session";
import type { WorkspaceRole } from "@/lib/auth/types";
import { apiError } from "./errors";

export type Principal = {
  claims: UserClaims;
  workspaceId: string;
  role: WorkspaceRole;
  via: "token" | "cookie";
  /** The rate limit's key: the token, or the user for cookie requests. */
  limitKey: string;
};

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}

function parseCookies(header: string | null): Array<{ name: string; value: string }> {
  if (!header) return [];
  return header.split(";").flatMap((part) => {
    const index = part.indexOf("=");
    if (index <= 0) return [];
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    try {
      return [{ name, value: decodeURIComponent(raw) }];
    } catch {
      return [{ name, value: raw }];
    }
  });
}

export async function authenticateRequest(db: Db, request: Request): Promise<Principal> {
  const token = bearerToken(request);
  if (token !== null) {
    const principal = token ? await authenticateToken(db, token) : null;
    if (!principal) throw apiError("UNAUTHENTICATED", "The API token is missing, malformed, unknown or revoked.");
    return { claims: principal.claims, workspaceId: principal.workspaceId, role: principal.role, via: "token", limitKey: `token:${principal.tokenId}` };
  }
  const cookies = parseCookies(request.headers.get("cookie"));
  // The API never sets cookies: a Supabase session needing a refresh is refreshed by the next page load.
  // Through readIdentity, so a revoked or expired built-in session is refused here as on the pages.
  const identity = cookies.length > 0 ? await readIdentity({ getAll: () => cookies, setAll: () => {} }, async () => db) : null;
  const claims = identity?.claims ?? null;
  const session = claims
    ? await resolveSession(db, claims, { provider: authProvider(), preferredWorkspaceId: cookies.find((c) => c.name === WORKSPACE_COOKIE)?.value ?? null })
    : null;
  if (!session) throw apiError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return { claims: session.claims, workspaceId: session.workspace.id, role: session.workspace.role, via: "cookie", limitKey: `user:${session.user.id}` };
}
