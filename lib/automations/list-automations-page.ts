// One page of the automations list with its total, filters and sort, and per row the last run and
// the failures of the last 7 days. Row-level security does the member/admin split, on the runs too.

import { and, asc, desc, eq, ilike, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { automationRuns, automations, profiles } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { escapeLike } from "./list-automations";
import { automationColumns, type AutomationRecord, type AutomationScope } from "./scope";

export const AUTOMATION_SORTS = ["updated", "name", "last_run"] as const;
export const AUTOMATION_STATUSES = ["active", "off", "stopped"] as const;
export const PAGE_SIZE = 25;

/** The list's URL parameters, each falling back to its default when absent or unknown. */
export const automationListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(AUTOMATION_STATUSES).optional().catch(undefined),
  trigger: z.string().regex(/^[a-z_.]{1,60}$/).optional().catch(undefined),
  owner: z.union([z.literal("mine"), z.uuid()]).optional().catch(undefined),
  sort: z.enum(AUTOMATION_SORTS).catch("updated"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type AutomationListQuery = z.output<typeof automationListQuerySchema>;

export type AutomationListRow = AutomationRecord & { lastRunAt: Date | null; failures7d: number };

export type AutomationListPage = { rows: AutomationListRow[]; total: number; page: number; pageCount: number };

export type ListAutomationsPageParams = AutomationScope & { query: AutomationListQuery; now?: Date };

function filtersFor(params: ListAutomationsPageParams): SQL[] {
  const { query } = params;
  // Deleted automations are kept only for their runs' sake: never listed.
  const filters: SQL[] = [eq(automations.workspaceId, params.workspaceId), isNull(automations.deletedAt)];
  if (query.q) filters.push(ilike(automations.name, `%${escapeLike(query.q)}%`));
  if (query.status === "active") filters.push(eq(automations.isActive, true));
  if (query.status === "off") filters.push(eq(automations.isActive, false));
  if (query.status === "stopped") filters.push(eq(automations.isActive, false), isNotNull(automations.disabledReason));
  if (query.trigger) filters.push(eq(automations.triggerType, query.trigger));
  if (query.owner) filters.push(eq(automations.ownerId, query.owner === "mine" ? params.claims.sub : query.owner));
  return filters;
}

export async function listAutomationsPage(db: Db, params: ListAutomationsPageParams): Promise<AutomationListPage> {
  const since = new Date((params.now ?? new Date()).getTime() - 7 * 86_400_000);
  const lastRunAt = sql<Date | null>`(select max(r.created_at) from ${automationRuns} r where r.automation_id = ${automations.id})`.mapWith(
    (value: string | Date | null) => (value === null ? null : new Date(value)),
  );
  const failures7d = sql<number>`(select count(*)::int from ${automationRuns} r where r.automation_id = ${automations.id} and r.status = 'failed' and r.created_at > ${since.toISOString()}::timestamptz)`.mapWith(Number);
  const order =
    params.query.sort === "name"
      ? [asc(sql`lower(${automations.name})`), asc(automations.id)]
      : params.query.sort === "last_run"
        ? [sql`${lastRunAt} desc nulls last`, desc(automations.updatedAt), desc(automations.id)]
        : [desc(automations.updatedAt), desc(automations.id)];
  const where = and(...filtersFor(params));
  return withUser(db, params.claims, async (tx) => {
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int`.mapWith(Number) }).from(automations).where(where);
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(params.query.page, pageCount);
    const rows = await tx
      .select({ ...automationColumns, lastRunAt, failures7d })
      .from(automations)
      .leftJoin(profiles, eq(profiles.id, automations.ownerId))
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE);
    return { rows, total, page, pageCount };
  });
}
