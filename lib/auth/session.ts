import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { readIdentity } from "./claims";
import { NEXT_PATH_HEADER, signInUrlFor, WORKSPACE_COOKIE } from "./config";
import { safeNextPath } from "./next-path";
import { authProvider } from "./provider";
import { listMemberships, resolveSession, type Membership } from "./resolve-session";
import type { SupabaseCookieJar } from "./supabase";
import type { Session } from "./types";

export type { Session } from "./types";

/** Next's cookie store as the providers' jar. */
export async function requestCookieJar(): Promise<SupabaseCookieJar> {
  const store = await cookies();
  return {
    getAll: () => store.getAll(),
    setAll: (toSet) => {
      try {
        for (const { name, value, options } of toSet) store.set(name, value, options);
      } catch {
        // Server Components cannot write cookies; the proxy already refreshed the session for this request.
      }
    },
  };
}

/** The signed-in user and their active workspace, or null; computed once per request. */
export const getSession = cache(async (): Promise<Session | null> => {
  const jar = await requestCookieJar();
  const identity = await readIdentity(jar, async () => (await getDb()).db);
  if (!identity) return null;
  const { db } = await getDb();
  const preferredWorkspaceId = jar.getAll().find((c) => c.name === WORKSPACE_COOKIE)?.value ?? null;
  const session = await resolveSession(db, identity.claims, { provider: authProvider(), preferredWorkspaceId });
  return session && { ...session, sessionId: identity.sessionId };
});

/** The session, or a redirect to sign-in that brings the visitor back to the page they asked for. */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (session) return session;
  const requested = (await headers()).get(NEXT_PATH_HEADER);
  redirect(signInUrlFor(safeNextPath(requested, "")));
}

/** The session of an admin of the active workspace; anyone else sees "not found", as if nothing were there. */
export async function requireAdmin(): Promise<Session> {
  const session = await requireSession();
  if (session.workspace.role !== "admin") notFound();
  return session;
}

/** Every workspace the signed-in user belongs to (for a workspace switcher); empty when signed out. */
export const getMyWorkspaces = cache(async (): Promise<Membership[]> => {
  const session = await getSession();
  if (!session) return [];
  const { db } = await getDb();
  return listMemberships(db, session.claims);
});
