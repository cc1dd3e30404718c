import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceMembers } from "@/db/schema";
import { withUser, type Tx } from "@/db/with-user";
import { AppError } from "@/lib/result";
import type { Action } from "./actions";
import type { AutomationScope } from "./scope";

export type MemberOption = { userId: string; email: string; role: "admin" | "member" };

/** Everyone an action may name as "a chosen member": the session workspace's roster. */
export async function listAssignableMembers(db: Db, params: AutomationScope): Promise<MemberOption[]> {
  return withUser(db, params.claims, (tx) =>
    tx
      .select({ userId: workspaceMembers.userId, email: profiles.email, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(profiles, eq(profiles.id, workspaceMembers.userId))
      .where(eq(workspaceMembers.workspaceId, params.workspaceId))
      .orderBy(asc(profiles.email)),
  );
}

/**
 * Every `{ kind: "member", userId }` recipient in the actions, with the form path of its input.
 * Read generically from the configs so a new action type with a member recipient is covered too.
 */
export function memberRecipients(actions: readonly Action[]): { userId: string; path: string }[] {
  const found: { userId: string; path: string }[] = [];
  actions.forEach((action, index) => {
    for (const [key, value] of Object.entries(action.config)) {
      const recipient = value as { kind?: unknown; userId?: unknown } | null;
      if (recipient && typeof recipient === "object" && recipient.kind === "member" && typeof recipient.userId === "string") {
        found.push({ userId: recipient.userId, path: `actions.${index}.config.${key}.userId` });
      }
    }
  });
  return found;
}

/**
 * The schema only knows a member id is a uuid; whether that person belongs to this workspace is a
 * database question. Without it, a client could aim activities and emails at any user of the app.
 */
export async function assertMembersOfWorkspace(tx: Tx, workspaceId: string, actions: readonly Action[]): Promise<void> {
  const recipients = memberRecipients(actions);
  if (recipients.length === 0) return;
  const ids = [...new Set(recipients.map((recipient) => recipient.userId))];
  const rows = await tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.userId, ids)));
  const members = new Set(rows.map((row) => row.userId));
  const fieldErrors: Record<string, string> = {};
  for (const recipient of recipients) {
    if (!members.has(recipient.userId)) fieldErrors[recipient.path] = "Choose a member of this workspace";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("invalid_input", "Some actions name people outside this workspace", fieldErrors);
  }
}
