import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { outbox, workspaceInvitations, workspaceMembers } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, makeUser, type TestUser } from "@/test/fixtures";
import { AppError } from "@/lib/result";
import { listMyInvitations, listPendingInvitations, respondToInvitation, revokeInvitation } from "./invitations";
import { ALREADY_MEMBER, inviteMember } from "./invite-member";
import { inviteMemberSchema } from "./schemas";

const APP_URL = "https://crm.example.test";

describe("inviteMemberSchema", () => {
  it("normalises the email and names each problem", () => {
    expect(inviteMemberSchema.parse({ email: " Bo@Example.TEST", role: "member" })).toEqual({ email: "bo@example.test", role: "member" });
    const bad = inviteMemberSchema.safeParse({ email: "bo", role: "owner" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["email", "Enter a valid email address"],
      ["role", "Choose admin or member"],
    ]);
  });
});

describe.each(TEST_DRIVERS)("invitations on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  const invite = (team: Awaited<ReturnType<typeof makeTeam>>, email: string, by: TestUser = team.admin, role: "admin" | "member" = "member") =>
    inviteMember(handle.db, { claims: by.claims, workspaceId: team.workspace.id, workspaceName: "Team", appUrl: APP_URL, email, role });
  const isMember = async (workspaceId: string, userId: string) =>
    (await handle.db.select().from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))).length > 0;
  const emailsTo = async (to: string) =>
    handle.db.select({ kind: outbox.kind, payload: outbox.payload }).from(outbox).where(sql`${outbox.payload} ->> 'to' = ${to}`);

  it("inviting an existing account does not make them a member, and answers as for an unknown email", async () => {
    const team = await makeTeam(handle.db);
    const victim = await makeUser(handle.db, "victim");
    expect(await invite(team, victim.email.toUpperCase())).toBe("invited");
    expect(await invite(team, "nobody-has-this@example.test")).toBe("invited");
    expect(await isMember(team.workspace.id, victim.id)).toBe(false);
  });

  it("queues one invitation email with the links, in the same transaction", async () => {
    const team = await makeTeam(handle.db);
    const email = `mailed-${Date.now()}@example.test`;
    await invite(team, email);
    expect(await invite(team, email)).toBe("already_invited");
    const mails = await emailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].kind).toBe("email");
    expect(mails[0].payload).toMatchObject({ to: email, subject: "You are invited to Team" });
    expect((mails[0].payload as { body: string }).body).toContain(`${APP_URL}/invitations`);
    expect((mails[0].payload as { body: string }).body).toContain(`${team.admin.email} invited you`);
  });

  it("the invitee sees it after sign-in, accepts, and joins with the invited role", async () => {
    const team = await makeTeam(handle.db);
    const invitee = await makeUser(handle.db, "invitee");
    await invite(team, invitee.email, team.admin, "admin");
    expect(await listMyInvitations(handle.db, team.memberA.claims)).toEqual([]);
    const [mine] = await listMyInvitations(handle.db, invitee.claims);
    expect(mine).toMatchObject({ workspaceName: "Team", role: "admin", invitedByEmail: team.admin.email });

    // Someone else holding the id cannot use it.
    expect(await respondToInvitation(handle.db, { claims: team.outsider.claims, invitationId: mine.id, accept: true })).toBeNull();
    expect(await respondToInvitation(handle.db, { claims: invitee.claims, invitationId: mine.id, accept: true })).toBe(team.workspace.id);
    const [row] = await handle.db
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, team.workspace.id), eq(workspaceMembers.userId, invitee.id)));
    expect(row).toEqual({ role: "admin" });
    expect(await listMyInvitations(handle.db, invitee.claims)).toEqual([]);
    expect(await respondToInvitation(handle.db, { claims: invitee.claims, invitationId: mine.id, accept: true })).toBeNull();
    expect(await isMember(team.workspace.id, team.outsider.id)).toBe(false);
  });

  it("declining leaves the invitee out, and the invitation is answered", async () => {
    const team = await makeTeam(handle.db);
    const invitee = await makeUser(handle.db, "decliner");
    await invite(team, invitee.email);
    const [mine] = await listMyInvitations(handle.db, invitee.claims);
    expect(await respondToInvitation(handle.db, { claims: invitee.claims, invitationId: mine.id, accept: false })).toBe(team.workspace.id);
    expect(await isMember(team.workspace.id, invitee.id)).toBe(false);
    const [row] = await handle.db.select({ status: workspaceInvitations.status }).from(workspaceInvitations).where(eq(workspaceInvitations.id, mine.id));
    expect(row.status).toBe("declined");
  });

  it("an admin lists and revokes pending invitations; a revoked or expired one cannot be accepted", async () => {
    const team = await makeTeam(handle.db);
    const invitee = await makeUser(handle.db, "revoked");
    const late = await makeUser(handle.db, "late");
    await invite(team, invitee.email);
    await invite(team, late.email);
    const pending = await listPendingInvitations(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id });
    expect(pending.map((p) => p.email).sort()).toEqual([invitee.email, late.email].sort());
    expect(pending[0]).toMatchObject({ role: "member", invitedByEmail: team.admin.email });
    expect(await listPendingInvitations(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id })).toEqual([]);

    const target = pending.find((p) => p.email === invitee.email)!;
    expect(await revokeInvitation(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, invitationId: target.id })).toBe(false);
    expect(await revokeInvitation(handle.db, { claims: team.outsider.claims, workspaceId: team.workspace.id, invitationId: target.id })).toBe(false);
    expect(await revokeInvitation(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, invitationId: target.id })).toBe(true);
    expect(await respondToInvitation(handle.db, { claims: invitee.claims, invitationId: target.id, accept: true })).toBeNull();
    expect(await isMember(team.workspace.id, invitee.id)).toBe(false);

    await handle.db.update(workspaceInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(workspaceInvitations.email, late.email));
    expect(await listMyInvitations(handle.db, late.claims)).toEqual([]);
    const [expired] = await handle.db.select({ id: workspaceInvitations.id }).from(workspaceInvitations).where(eq(workspaceInvitations.email, late.email));
    expect(await respondToInvitation(handle.db, { claims: late.claims, invitationId: expired.id, accept: true })).toBeNull();
  });

  it("a member cannot invite; inviting a current member says so and queues nothing", async () => {
    const team = await makeTeam(handle.db);
    const error = await invite(team, "friend@example.test", team.memberA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden" });
    const dup = await invite(team, team.memberB.email).catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: "conflict", message: ALREADY_MEMBER });
    expect(await emailsTo(team.memberB.email)).toEqual([]);
    expect(await emailsTo("friend@example.test")).toEqual([]);
  });
});
