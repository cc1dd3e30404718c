import { inArray, isNotNull, lt, or, and } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, userSessions } from "@/db/schema";
import { IDLE_RESET_SECONDS, MAX_DELAY_SECONDS } from "./rate-limit";

const CHUNK = 1_000;

/**
 * Retention for the account tables, run with the history pruning: throttle counters idle for a day
 * (they no longer slow anyone down: an idle counter starts over) and sessions ended or revoked more
 * than a day ago. Service path, in chunks.
 */
export async function pruneAuthRecords(db: Db, now: Date): Promise<{ signInAttempts: number; sessions: number }> {
  const idleBefore = new Date(now.getTime() - Math.max(IDLE_RESET_SECONDS, MAX_DELAY_SECONDS) * 1000);
  const endedBefore = new Date(now.getTime() - 86_400_000);
  let attempts = 0;
  for (;;) {
    const keys = db.select({ key: signInAttempts.key }).from(signInAttempts).where(lt(signInAttempts.lastAttemptAt, idleBefore)).limit(CHUNK);
    const deleted = await db.delete(signInAttempts).where(inArray(signInAttempts.key, keys)).returning({ key: signInAttempts.key });
    attempts += deleted.length;
    if (deleted.length < CHUNK) break;
  }
  let sessions = 0;
  const ended = or(lt(userSessions.expiresAt, endedBefore), and(isNotNull(userSessions.revokedAt), lt(userSessions.revokedAt, endedBefore)));
  for (;;) {
    const ids = db.select({ id: userSessions.id }).from(userSessions).where(ended).limit(CHUNK);
    const deleted = await db.delete(userSessions).where(inArray(userSessions.id, ids)).returning({ id: userSessions.id });
    sessions += deleted.length;
    if (deleted.length < CHUNK) break;
  }
  return { signInAttempts: attempts, sessions };
}
