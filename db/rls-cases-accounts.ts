import { eq, sql } from "drizzle-orm";
import { profiles, signInAttempts, workspaceMembers, workspaces } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";

const TEAM_ROSTER = ["team/admin", "team/memberA", "team/memberB"];

export const accountCases: RlsCase[] = [
  // workspaces: members read theirs; admins rename; nobody creates or deletes one as a user.
  ...visibility("workspaces", (tx) => tx.select({ id: workspaces.id }).from(workspaces), {
    memberA: ["team"],
    memberB: ["team"],
    admin: ["team"],
    outsider: ["other"],
    anon: [],
  }),
  write("workspaces", "admin", "renames their workspace", ONE, (tx, w) =>
    tx.update(workspaces).set({ name: "Renamed" }).where(eq(workspaces.id, w.workspace.id)).returning({ id: workspaces.id }),
  ),
  write("workspaces", "memberA", "cannot rename the workspace", NONE, (tx, w) =>
    tx.update(workspaces).set({ name: "Mine" }).where(eq(workspaces.id, w.workspace.id)).returning({ id: workspaces.id }),
  ),
  write("workspaces", "outsider", "cannot rename another workspace", NONE, (tx, w) =>
    tx.update(workspaces).set({ name: "Taken" }).where(eq(workspaces.id, w.workspace.id)).returning({ id: workspaces.id }),
  ),
  write("workspaces", "admin", "cannot rename a workspace they are not in", NONE, (tx, w) =>
    tx.update(workspaces).set({ name: "Taken" }).where(eq(workspaces.id, w.other.id)).returning({ id: workspaces.id }),
  ),
  write("workspaces", "admin", "cannot create a workspace as a user", DENIED, (tx) =>
    tx.insert(workspaces).values({ name: "New" }).returning({ id: workspaces.id }),
  ),
  write("workspaces", "admin", "cannot delete their workspace", NONE, (tx, w) =>
    tx.delete(workspaces).where(eq(workspaces.id, w.workspace.id)).returning({ id: workspaces.id }),
  ),
  write("workspaces", "anon", "cannot rename a workspace", DENIED, (tx, w) =>
    tx.update(workspaces).set({ name: "Anon" }).where(eq(workspaces.id, w.workspace.id)).returning({ id: workspaces.id }),
  ),

  // profiles: your own and your workspace-mates'; only yours to edit.
  ...visibility("profiles", (tx) => tx.select({ id: profiles.id }).from(profiles), {
    memberA: ["admin", "memberA", "memberB"],
    memberB: ["admin", "memberA", "memberB"],
    admin: ["admin", "memberA", "memberB"],
    outsider: ["outsider"],
    anon: [],
  }),
  write("profiles", "memberA", "edits their own profile", ONE, (tx, w) =>
    tx.update(profiles).set({ displayName: "A" }).where(eq(profiles.id, w.users.memberA.id)).returning({ id: profiles.id }),
  ),
  write("profiles", "memberA", "cannot edit a workspace-mate's profile", NONE, (tx, w) =>
    tx.update(profiles).set({ displayName: "B?" }).where(eq(profiles.id, w.users.memberB.id)).returning({ id: profiles.id }),
  ),
  write("profiles", "admin", "cannot edit a member's profile", NONE, (tx, w) =>
    tx.update(profiles).set({ email: "taken@example.test" }).where(eq(profiles.id, w.users.memberA.id)).returning({ id: profiles.id }),
  ),
  write("profiles", "outsider", "cannot edit a stranger's profile", NONE, (tx, w) =>
    tx.update(profiles).set({ displayName: "X" }).where(eq(profiles.id, w.users.memberA.id)).returning({ id: profiles.id }),
  ),
  write("profiles", "memberA", "cannot create a profile", DENIED, (tx) =>
    tx.insert(profiles).values({ id: crypto.randomUUID(), email: "fake@example.test" }).returning({ id: profiles.id }),
  ),
  write("profiles", "memberA", "cannot delete their profile", NONE, (tx, w) =>
    tx.delete(profiles).where(eq(profiles.id, w.users.memberA.id)).returning({ id: profiles.id }),
  ),
  write("profiles", "anon", "cannot edit a profile", DENIED, (tx, w) =>
    tx.update(profiles).set({ displayName: "anon" }).where(eq(profiles.id, w.users.memberA.id)).returning({ id: profiles.id }),
  ),

  // workspace_members: the roster is visible to members; only admins change it.
  ...visibility(
    "workspace_members",
    (tx) =>
      tx
        .select({ id: sql<string>`${workspaceMembers.workspaceId}::text || '/' || ${workspaceMembers.userId}::text` })
        .from(workspaceMembers),
    { memberA: TEAM_ROSTER, memberB: TEAM_ROSTER, admin: TEAM_ROSTER, outsider: ["other/outsider"], anon: [] },
  ),
  write("workspace_members", "admin", "adds someone to their workspace", ONE, (tx, w) =>
    tx.insert(workspaceMembers).values({ workspaceId: w.workspace.id, userId: w.users.outsider.id }).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "memberA", "cannot add someone", DENIED, (tx, w) =>
    tx.insert(workspaceMembers).values({ workspaceId: w.workspace.id, userId: w.users.outsider.id }).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "outsider", "cannot add themselves to another workspace", DENIED, (tx, w) =>
    tx
      .insert(workspaceMembers)
      .values({ workspaceId: w.workspace.id, userId: w.users.outsider.id, role: "admin" })
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "admin", "cannot add someone to a workspace they are not in", DENIED, (tx, w) =>
    tx.insert(workspaceMembers).values({ workspaceId: w.other.id, userId: w.users.memberA.id }).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "admin", "changes a member's CRM user id", ONE, (tx, w) =>
    tx
      .update(workspaceMembers)
      .set({ crmUserId: "crm-a2" })
      .where(eq(workspaceMembers.userId, w.users.memberA.id))
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "memberA", "cannot promote themselves", NONE, (tx, w) =>
    tx
      .update(workspaceMembers)
      .set({ role: "admin" })
      .where(eq(workspaceMembers.userId, w.users.memberA.id))
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "memberA", "cannot change a workspace-mate's role", NONE, (tx, w) =>
    tx
      .update(workspaceMembers)
      .set({ role: "admin" })
      .where(eq(workspaceMembers.userId, w.users.memberB.id))
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "outsider", "cannot change another workspace's roster", NONE, (tx, w) =>
    tx
      .update(workspaceMembers)
      .set({ role: "member" })
      .where(eq(workspaceMembers.workspaceId, w.workspace.id))
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "admin", "cannot move a membership into a workspace they do not run", DENIED, (tx, w) =>
    tx
      .update(workspaceMembers)
      .set({ workspaceId: w.other.id })
      .where(eq(workspaceMembers.userId, w.users.memberB.id))
      .returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "admin", "removes a member", ONE, (tx, w) =>
    tx.delete(workspaceMembers).where(eq(workspaceMembers.userId, w.users.memberB.id)).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "memberA", "cannot remove a workspace-mate", NONE, (tx, w) =>
    tx.delete(workspaceMembers).where(eq(workspaceMembers.userId, w.users.memberB.id)).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "outsider", "cannot remove another workspace's admin", NONE, (tx, w) =>
    tx.delete(workspaceMembers).where(eq(workspaceMembers.userId, w.users.admin.id)).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "anon", "cannot join a workspace", DENIED, (tx, w) =>
    tx.insert(workspaceMembers).values({ workspaceId: w.workspace.id, userId: w.users.outsider.id }).returning({ id: workspaceMembers.userId }),
  ),
  write("workspace_members", "anon", "cannot remove anyone", DENIED, (tx, w) =>
    tx.delete(workspaceMembers).where(eq(workspaceMembers.userId, w.users.memberB.id)).returning({ id: workspaceMembers.userId }),
  ),

  // sign_in_attempts: the service path's alone; no user, signed in or not, may touch it.
  ...visibility("sign_in_attempts", (tx) => tx.select({ id: signInAttempts.key }).from(signInAttempts), {
    memberA: "denied",
    memberB: "denied",
    admin: "denied",
    outsider: "denied",
    anon: "denied",
  }),
  write("sign_in_attempts", "admin", "cannot reset a rate-limit counter", DENIED, (tx) =>
    tx.delete(signInAttempts).returning({ id: signInAttempts.key }),
  ),
  write("sign_in_attempts", "memberA", "cannot write a rate-limit counter", DENIED, (tx) =>
    tx.insert(signInAttempts).values({ key: "forged", failures: 0 }).returning({ id: signInAttempts.key }),
  ),
  write("sign_in_attempts", "anon", "cannot reset a rate-limit counter", DENIED, (tx) =>
    tx.update(signInAttempts).set({ failures: 0 }).returning({ id: signInAttempts.key }),
  ),
];
