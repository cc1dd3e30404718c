import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";
import type { Tx } from "@/db/with-user";
import { SESSION_CHECK_CACHE_MS, SESSION_MAX_AGE_SECONDS } from "./config";

// Built-in sessions are rows: the token names its row, and a session is good while its row is
// neither revoked nor past its absolute end. Each process remembers a row's state for a few seconds
// (SESSION_CHECK_CACHE_MS), so a page load costs at most one indexed read every few seconds per
// session; a revocation made here is seen here at once, and by other processes within that time.

export interface StartedSession {
  id: string;
  expiresAt: Date;
}

export async function startUserSession(db: Db | Tx, userId: string, now: Date = new Date()): Promise<StartedSession> {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await db.insert(userSessions).values({ userId, createdAt: now, expiresAt }).returning({ id: userSessions.id });
  return { id: row.id, expiresAt };
}

type Cached = { active: boolean; checkedAt: number; expiresAt: number };
const globalForSessions = globalThis as unknown as { crmSessionChecks?: Map<string, Cached> };
const checks = (globalForSessions.crmSessionChecks ??= new Map());
const CACHE_LIMIT = 10_000;

/** True while the session belongs to the user, is not revoked and has not reached its end. */
export async function isUserSessionActive(db: Db, params: { sessionId: string; userId: string; now?: Date }): Promise<boolean> {
  const now = (params.now ?? new Date()).getTime();
  const key = `${params.userId}/${params.sessionId}`;
  const cached = checks.get(key);
  if (cached && now - cached.checkedAt < SESSION_CHECK_CACHE_MS) return cached.active && now < cached.expiresAt;
  if (!/^[0-9a-f-]{36}$/i.test(params.sessionId)) return false;
  const [row] = await db
    .select({ expiresAt: userSessions.expiresAt, revokedAt: userSessions.revokedAt })
    .from(userSessions)
    .where(and(eq(userSessions.id, params.sessionId), eq(userSessions.userId, params.userId)));
  const active = !!row && !row.revokedAt;
  if (checks.size >= CACHE_LIMIT) checks.clear();
  checks.set(key, { active, checkedAt: now, expiresAt: row?.expiresAt.getTime() ?? 0 });
  return active && now < (row?.expiresAt.getTime() ?? 0);
}

/** Sign-out: this session only. */
export async function revokeUserSession(db: Db, params: { sessionId: string; userId: string }): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, params.sessionId), eq(userSessions.userId, params.userId), isNull(userSessions.revokedAt)));
  forget(params.userId, params.sessionId);
}

/** "Sign out everywhere", or after a password change every session but the one that changed it. */
export async function revokeUserSessions(db: Db | Tx, params: { userId: string; exceptSessionId?: string }): Promise<number> {
  const where = [eq(userSessions.userId, params.userId), isNull(userSessions.revokedAt)];
  if (params.exceptSessionId) where.push(ne(userSessions.id, params.exceptSessionId));
  const revoked = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(...where))
    .returning({ id: userSessions.id });
  for (const { id } of revoked) forget(params.userId, id);
  return revoked.length;
}

function forget(userId: string, sessionId: string): void {
  checks.delete(`${userId}/${sessionId}`);
}
