// Claims outbox rows that are due: pending ones whose time has come, and rows another process was
// sending when it died (its lease is over). FOR UPDATE SKIP LOCKED lets several processes claim at
// once without waiting on, or taking, each other's rows; the claim commits at once, so the lease
// (not a held lock) is what keeps a row to its claimer while it sends. Runs on both drivers.

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox } from "@/db/schema";

export type ClaimedRow = {
  id: number;
  workspaceId: string;
  runId: string | null;
  actionIndex: number | null;
  kind: "email" | "webhook";
  payload: Record<string, unknown>;
  /** This attempt's number (1-based): the claim counts it. */
  attempt: number;
  messageId: string;
};

export type ClaimDueParams = { now: Date; leaseMs: number; limit: number; worker: string };

export async function claimDue(db: Db, { now, leaseMs, limit, worker }: ClaimDueParams): Promise<ClaimedRow[]> {
  const nowIso = now.toISOString();
  const leaseEnd = new Date(now.getTime() + leaseMs).toISOString();
  const result = await db.execute(sql`
    update ${outbox} o
    set status = 'sending', attempts = o.attempts + 1, locked_until = ${leaseEnd}::timestamptz, locked_by = ${worker}
    where o.id in (
      select d.id from ${outbox} d
      where (d.status = 'pending' and d.next_attempt_at <= ${nowIso}::timestamptz)
         or (d.status = 'sending' and d.locked_until <= ${nowIso}::timestamptz)
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update skip locked
    )
    returning o.id, o.workspace_id as "workspaceId", o.run_id as "runId", o.action_index as "actionIndex", o.kind,
      o.payload, o.attempts as "attempt", o.message_id as "messageId"`);
  return resultRows<ClaimedRow>(result).map((row) => ({ ...row, id: Number(row.id) }));
}
