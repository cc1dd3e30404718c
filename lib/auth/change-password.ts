import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
import { AppError } from "@/lib/result";
import { hashPassword, verifyPassword } from "./password";
import { rateLimitedSignIn } from "./rate-limit";
import { revokeUserSessions } from "./user-sessions";

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

export interface ChangePasswordParams {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The session that asked: it stays signed in, every other one is revoked. */
  keepSessionId: string;
}

/**
 * Built-in accounts: checks the current password (throttled like a sign-in of the same account, so
 * a stolen cookie cannot guess it quickly), stores the new hash and revokes every other session of
 * the user, in one transaction. Returns how many sessions were revoked.
 */
export async function changePassword(db: Db, params: ChangePasswordParams): Promise<{ revoked: number }> {
  const [user] = await db
    .select({ email: authUsers.email, hash: authUsers.encryptedPassword })
    .from(authUsers)
    .where(eq(authUsers.id, params.userId));
  if (!user) throw new AppError("not_found", "Your account no longer exists.");
  const outcome = await rateLimitedSignIn(db, { email: user.email ?? params.userId, ip: null }, async () =>
    (await verifyPassword(params.currentPassword, user.hash)) ? true : null,
  );
  if (!outcome.ok) {
    const message = outcome.retryAfterSeconds ? outcome.error : WRONG_CURRENT_PASSWORD;
    throw new AppError(outcome.retryAfterSeconds ? "rate_limited" : "invalid_input", message, { currentPassword: message });
  }
  const hash = await hashPassword(params.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(authUsers).set({ encryptedPassword: hash }).where(eq(authUsers.id, params.userId));
    return { revoked: await revokeUserSessions(tx, { userId: params.userId, exceptSessionId: params.keepSessionId }) };
  });
}
