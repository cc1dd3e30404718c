import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, makeUser } from "@/test/fixtures";
import { AppError } from "@/lib/result";
import { addMember, NO_SUCH_ACCOUNT } from "./add-member";
import { LAST_ADMIN } from "./db-errors";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { addMemberSchema } from "./schemas";
import { changeMemberCrmUserId, changeMemberRole, MEMBER_NOT_FOUND } from "./update-member";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("addMemberSchema", () => {
  it("normalises the email, treats a blank CRM id as none and names each problem", () => {
    expect(addMemberSchema.parse({ email: " Bo@Example.TEST", role: "member", crmUserId: "  " })).toEqual({
      email: "bo@example.test",
      role: "member",
      crmUserId: null,
    });
    const bad = addMemberSchema.safeParse({ email: "bo", role: "owner" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["email", "Enter a valid email address"],
      ["role", "Choose admin or member"],
    ]);
  });
});

describe.each(TEST_DRIVERS)("managing members on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("lists the roster with emails, roles and CRM ids, admins first", async () => {
    const team = await makeTeam(handle.db);
    const list = await listMembers(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id });
    expect(list.map(({ email, role, crmUserId }) => ({ email, role, crmUserId }))).toEqual([
      { email: team.admin.email, role: "admin", crmUserId: "crm-admin" },
      { email: team.memberA.email, role: "member", crmUserId: "crm-a" },
      { email: team.memberB.email, role: "member", crmUserId: "crm-b" },
    ]);
    // Someone from another workspace reads nothing of it.
    expect(await listMembers(handle.db, { claims: team.outsider.claims, workspaceId: team.workspace.id })).toEqual([]);
  });

  it("an admin adds an existing user by email, with a role and a CRM id", async () => {
    const team = await makeTeam(handle.db);
    const newcomer = await makeUser(handle.db, "newcomer");
    await addMember(handle.db, {
      claims: team.admin.claims,
      workspaceId: team.workspace.id,
      email: newcomer.email.toUpperCase(),
      role: "admin",
      crmUserId: "crm-new",
    });
    const [row] = await handle.db
      .select({ role: workspaceMembers.role, crmUserId: workspaceMembers.crmUserId })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, team.workspace.id), eq(workspaceMembers.userId, newcomer.id)));
    expect(row).toEqual({ role: "admin", crmUserId: "crm-new" });
  });

  it("explains why someone cannot be added", async () => {
    const team = await makeTeam(handle.db);
    const base = { claims: team.admin.claims, workspaceId: team.workspace.id, role: "member" as const, crmUserId: null };
    expect(await failure(addMember(handle.db, { ...base, email: "nobody@example.test" }))).toMatchObject({
      code: "not_found",
      message: NO_SUCH_ACCOUNT,
      fieldErrors: { email: NO_SUCH_ACCOUNT },
    });
    expect(await failure(addMember(handle.db, { ...base, email: team.memberA.email }))).toMatchObject({
      code: "conflict",
      message: "That person is already a member of this workspace.",
    });
    const newcomer = await makeUser(handle.db, "dup-crm");
    expect(await failure(addMember(handle.db, { ...base, email: newcomer.email, crmUserId: "crm-a" }))).toMatchObject({
      code: "conflict",
      fieldErrors: { crmUserId: 'CRM user id "crm-a" already belongs to another member.' },
    });
  });

  it("a member cannot add anyone: the database refuses", async () => {
    const team = await makeTeam(handle.db);
    const newcomer = await makeUser(handle.db, "via-member");
    expect(
      await failure(
        addMember(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, email: newcomer.email, role: "admin", crmUserId: null }),
      ),
    ).toMatchObject({ code: "forbidden" });
  });

  it("an admin changes a role and a CRM id; a member's attempt changes nothing", async () => {
    const team = await makeTeam(handle.db);
    const ref = { workspaceId: team.workspace.id, userId: team.memberB.id };
    await changeMemberRole(handle.db, { ...ref, claims: team.admin.claims, role: "admin" });
    await changeMemberCrmUserId(handle.db, { ...ref, claims: team.admin.claims, crmUserId: null });
    expect(await failure(changeMemberRole(handle.db, { ...ref, claims: team.memberA.claims, role: "member" }))).toMatchObject({
      code: "not_found",
      message: MEMBER_NOT_FOUND,
    });
    const [row] = await handle.db
      .select({ role: workspaceMembers.role, crmUserId: workspaceMembers.crmUserId })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, team.workspace.id), eq(workspaceMembers.userId, team.memberB.id)));
    expect(row).toEqual({ role: "admin", crmUserId: null });
  });

  it("a CRM id already in use is refused on that field", async () => {
    const team = await makeTeam(handle.db);
    expect(
      await failure(
        changeMemberCrmUserId(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, userId: team.memberB.id, crmUserId: "crm-a" }),
      ),
    ).toMatchObject({ code: "conflict", fieldErrors: { crmUserId: 'CRM user id "crm-a" already belongs to another member.' } });
  });

  it("the last admin can be neither demoted nor removed, with a message that says so", async () => {
    const team = await makeTeam(handle.db);
    const self = { claims: team.admin.claims, workspaceId: team.workspace.id, userId: team.admin.id };
    expect(await failure(changeMemberRole(handle.db, { ...self, role: "member" }))).toMatchObject({ code: "conflict", message: LAST_ADMIN });
    expect(await failure(removeMember(handle.db, self))).toMatchObject({ code: "conflict", message: LAST_ADMIN });
    // With a second admin, the first may step down.
    await changeMemberRole(handle.db, { ...self, userId: team.memberA.id, role: "admin" });
    await changeMemberRole(handle.db, { ...self, role: "member" });
  });

  it("an admin removes a member; removing someone who is not there says so", async () => {
    const team = await makeTeam(handle.db);
    const ref = { claims: team.admin.claims, workspaceId: team.workspace.id, userId: team.memberB.id };
    await removeMember(handle.db, ref);
    expect(await failure(removeMember(handle.db, ref))).toMatchObject({ code: "not_found" });
    expect(
      await failure(removeMember(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, userId: team.admin.id })),
    ).toMatchObject({ code: "not_found" });
    const roster = await listMembers(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id });
    expect(roster.map((m) => m.userId).sort()).toEqual([team.admin.id, team.memberA.id].sort());
  });
});
