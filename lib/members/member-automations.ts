// The automations whose actions name a person ("assign to / notify / email this member"), and
// handing them to someone else: what removing a member must show and offer, so their automations
// do not silently break. Read and written under row-level security as the admin.

import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { automations } from "@/db/schema";
import type { UserRecipient } from "@/lib/actions/recipients";
import { definitionOf } from "@/lib/automations/definition";
import { recordVersion } from "@/lib/automations/record-version";
import { NAMES_MEMBER_PATH } from "@/lib/automations/scope";

export type NamedIn = { id: string; name: string };

/** Every recipient of an action that is a member, as a JSON path over `actions`. */
const MEMBER_IDS = `$[*].config.* ? (@.kind == "member").userId`;


/** Per member id, the automations naming them that the admin sees, for the members page. */
export async function automationsNamingMembers(db: Db, params: { claims: UserClaims; workspaceId: string }): Promise<Record<string, NamedIn[]>> {
  const byMember = await withUser(db, params.claims, (tx) => listAutomationsNamingMembers(tx, params.workspaceId));
  return Object.fromEntries(byMember);
}

/** Per member id, the (not deleted) automations naming them, by name. One query for the workspace. */
export async function listAutomationsNamingMembers(tx: Tx, workspaceId: string): Promise<Map<string, NamedIn[]>> {
  const rows = await tx
    .select({ id: automations.id, name: automations.name, userId: sql<string>`jsonb_path_query(${automations.actions}, ${MEMBER_IDS}::jsonpath) #>> '{}'` })
    .from(automations)
    .where(and(eq(automations.workspaceId, workspaceId), isNull(automations.deletedAt)))
    .orderBy(automations.name);
  const byMember = new Map<string, NamedIn[]>();
  for (const row of rows) {
    const list = byMember.get(row.userId) ?? [];
    if (!list.some((item) => item.id === row.id)) list.push({ id: row.id, name: row.name });
    byMember.set(row.userId, list);
  }
  return byMember;
}

/** The deal (entity) owner, or another member by id. */
export type Reassignment = { kind: "deal_owner" } | { kind: "member"; userId: string };

function replaceRecipient(actions: unknown[], userId: string, to: Reassignment): unknown[] {
  return actions.map((action) => {
    const { type, config } = action as { type: string; config: Record<string, unknown> };
    const next = Object.fromEntries(
      Object.entries(config ?? {}).map(([key, value]) => {
        const recipient = value as UserRecipient | null;
        return recipient && typeof recipient === "object" && recipient.kind === "member" && recipient.userId === userId ? [key, to.kind === "member" ? { kind: "member", userId: to.userId } : { kind: "deal_owner" }] : [key, value];
      }),
    );
    return { type, config: next };
  });
}

/** Points every action naming `userId` at `to`, one new version per automation, in the caller's transaction. */
export async function reassignAutomations(tx: Tx, params: { workspaceId: string; userId: string; to: Reassignment; authorId: string; summary: string }): Promise<number> {
  const rows = await tx
    .select({ id: automations.id, name: automations.name, description: automations.description, trigger: automations.trigger, conditions: automations.conditions, actions: automations.actions, version: automations.version })
    .from(automations)
    .where(and(eq(automations.workspaceId, params.workspaceId), isNull(automations.deletedAt), sql`jsonb_path_exists(${automations.actions}, ${NAMES_MEMBER_PATH}::jsonpath, jsonb_build_object('u', ${params.userId}::text))`))
    .for("update");
  return rows.length === 0 ? 0 : reassignRows(tx, params, rows);
}

async function reassignRows(
  tx: Tx,
  params: { workspaceId: string; userId: string; to: Reassignment; authorId: string; summary: string },
  rows: { id: string; name: string; description: string | null; trigger: unknown; conditions: unknown; actions: unknown; version: number }[],
): Promise<number> {
  for (const row of rows) {
    const actions = replaceRecipient(Array.isArray(row.actions) ? row.actions : [], params.userId, params.to);
    const version = row.version + 1;
    await tx.update(automations).set({ actions, version, updatedAt: new Date() }).where(eq(automations.id, row.id));
    await recordVersion(tx, { automationId: row.id, workspaceId: params.workspaceId, version, definition: definitionOf({ ...row, actions }), authorId: params.authorId, summary: params.summary });
  }
  return rows.length;
}
