import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

export type MyActivity = {
  id: string;
  subject: string;
  activityType: string;
  dueAt: Date;
  note: string | null;
  entityType: string;
  entityId: string;
  entityTitle: string | null;
  automationId: string | null;
  automationName: string | null;
  /** The run that created it, when the reader may open that run (row-level security decides). */
  runId: string | null;
  doneAt: Date | null;
};

export type ListMyActivitiesParams = { claims: UserClaims; workspaceId: string; doneLimit?: number };

const columns = {
  id: activities.id,
  subject: activities.subject,
  activityType: activities.activityType,
  dueAt: activities.dueAt,
  note: activities.note,
  entityType: activities.entityType,
  entityId: activities.entityId,
  entityTitle: activities.entityTitle,
  automationId: activities.automationId,
  runId: automationRuns.id,
  doneAt: activities.doneAt,
};

/**
 * "My follow-ups": the signed-in user's open activities by due date, then the latest done ones.
 * Row-level security already limits an assignee to theirs; the explicit filter keeps an admin's
 * list personal too (admins may read the whole workspace's).
 */
export async function listMyActivities(db: Db, params: ListMyActivitiesParams): Promise<{ open: MyActivity[]; done: MyActivity[] }> {
  const mine = and(eq(activities.workspaceId, params.workspaceId), eq(activities.assigneeId, params.claims.sub));
  const [open, done] = await withUser(db, params.claims, async (tx) => [
    await tx.select(columns).from(activities).leftJoin(automationRuns, eq(automationRuns.id, activities.runId)).where(and(mine, isNull(activities.doneAt))).orderBy(asc(activities.dueAt), asc(activities.id)).limit(200),
    await tx.select(columns).from(activities).leftJoin(automationRuns, eq(automationRuns.id, activities.runId)).where(and(mine, isNotNull(activities.doneAt))).orderBy(desc(activities.doneAt)).limit(params.doneLimit ?? 20),
  ]);
  const names = await automationNames(db, params.workspaceId, [...open, ...done]);
  const withName = (row: (typeof open)[number]): MyActivity => ({ ...row, automationName: row.automationId ? (names.get(row.automationId) ?? null) : null });
  return { open: open.map(withName), done: done.map(withName) };
}

/**
 * The names of the automations that created these activities. Read on the service connection on
 * purpose: a member may not open a teammate's automation (row-level security), but may know which
 * automation gave them a task. Only ids from rows RLS already showed them, and only names, are read.
 */
async function automationNames(db: Db, workspaceId: string, rows: Array<{ automationId: string | null }>): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((row) => row.automationId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: automations.id, name: automations.name })
    .from(automations)
    .where(and(eq(automations.workspaceId, workspaceId), inArray(automations.id, ids)));
  return new Map(found.map((row) => [row.id, row.name]));
}
