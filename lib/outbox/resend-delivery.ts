// "Send again" on a delivery that finally failed: the same outbox row goes back in the queue with a
// fresh retry schedule and its webhook-id unchanged, so a receiver that did get it can dedupe.
// Whoever may read the run's delivery may resend it; the queue itself is written on the service path
// (users never write the outbox), after the read through row-level security proved access.

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox, runActions } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";

export type ResendDeliveryParams = { workspaceId: string; outboxId: number; now: Date };

export async function resendDelivery(db: Db, claims: UserClaims, params: ResendDeliveryParams): Promise<{ runId: string | null }> {
  const [row] = await withUser(db, claims, (tx) =>
    tx
      .select({ id: outbox.id, status: outbox.status, runId: outbox.runId, actionIndex: outbox.actionIndex })
      .from(outbox)
      .where(and(eq(outbox.id, params.outboxId), eq(outbox.workspaceId, params.workspaceId)))
      .limit(1),
  );
  if (!row) throw new AppError("not_found", "Delivery not found");
  if (row.status !== "failed") throw new AppError("conflict", "Only a delivery that failed can be sent again");
  return db.transaction(async (tx) => {
    const requeued = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: params.now, lastError: null, lockedUntil: null, lockedBy: null })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, "failed")))
      .returning({ id: outbox.id });
    if (requeued.length === 0) throw new AppError("conflict", "This delivery is already being sent again");
    if (row.runId !== null && row.actionIndex !== null) {
      await tx
        .update(runActions)
        .set({ status: "pending", error: null, finishedAt: null })
        .where(and(eq(runActions.runId, row.runId), eq(runActions.actionIndex, row.actionIndex)));
    }
    return { runId: row.runId };
  });
}
