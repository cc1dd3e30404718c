import type { Db } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import type { UserClaims } from "@/db/with-user";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";

export interface TestUser {
  id: string;
  email: string;
  claims: UserClaims;
}

let seq = 0;

export async function makeUser(db: Db, label = "user"): Promise<TestUser> {
  const email = `${label}-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const user = await createUser(db, { email, passwordHash: null });
  return { ...user, claims: { sub: user.id, email: user.email, role: "authenticated" } };
}

/**
 * The cast of the row-level security tests: a workspace with an admin and two members, and a
 * second workspace with its own admin.
 */
export async function makeTeam(db: Db) {
  const admin = await makeUser(db, "admin");
  const memberA = await makeUser(db, "member-a");
  const memberB = await makeUser(db, "member-b");
  const outsider = await makeUser(db, "outsider");
  const workspace = await createWorkspace(db, { name: "Team", adminId: admin.id, adminCrmUserId: "crm-admin" });
  const other = await createWorkspace(db, { name: "Other", adminId: outsider.id });
  await db.insert(workspaceMembers).values([
    { workspaceId: workspace.id, userId: memberA.id, role: "member", crmUserId: "crm-a" },
    { workspaceId: workspace.id, userId: memberB.id, role: "member", crmUserId: "crm-b" },
  ]);
  return { admin, memberA, memberB, outsider, workspace, other };
}
