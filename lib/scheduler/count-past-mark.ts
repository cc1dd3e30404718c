// For the editor: how many entities are already past a time-based trigger's mark, i.e. would fire
// at the next sweep only with "also act on those" (catchUp). Read as the user (row-level security:
// members of the workspace only), through the same indexes the sweep uses.

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { withUser, type UserClaims } from "@/db/with-user";
import { triggerSchema } from "@/lib/automations/triggers";
import { getWorkspaceTimeZone } from "@/lib/workspaces/time-zone";
import { latestDueFieldDate } from "./time-math";

const DAY_MS = 86_400_000;

export type CountPastMarkParams = { claims: UserClaims; workspaceId: string; trigger: unknown; now: Date };

/** The count, or null for a trigger that has no entities (schedule, event triggers) or is not valid yet. */
export async function countPastMark(db: Db, params: CountPastMarkParams): Promise<number | null> {
  const parsed = triggerSchema.safeParse(params.trigger);
  if (!parsed.success) return null;
  const trigger = parsed.data;
  const ws = sql`${params.workspaceId}::uuid`;
  let query;
  if (trigger.type === "deal.inactive") {
    const cutoff = new Date(params.now.getTime() - trigger.days * DAY_MS).toISOString();
    query = sql`select count(*)::int as n from public.entity_snapshots s
      where s.workspace_id = ${ws} and s.entity_type = 'deal' and s.open and s.last_activity_at <= ${cutoff}::timestamptz`;
  } else if (trigger.type === "deal.date_relative" || trigger.type === "activity.date_relative") {
    const upper = latestDueFieldDate(params.now, trigger, await getWorkspaceTimeZone(db, params.workspaceId));
    query =
      trigger.type === "deal.date_relative"
        ? sql`select count(*)::int as n from public.entity_snapshots s
            where s.workspace_id = ${ws} and s.entity_type = 'deal' and s.open and left(s.data->>'expected_close_date', 10) <= ${upper}`
        : sql`select count(*)::int as n from public.entity_snapshots s
            where s.workspace_id = ${ws} and s.entity_type = 'activity' and s.open and left(s.data->>'due_date', 10) <= ${upper}`;
  } else {
    return null;
  }
  const [row] = await withUser(db, params.claims, async (tx) => resultRows<{ n: number }>(await tx.execute(query)));
  return Number(row?.n ?? 0);
}
