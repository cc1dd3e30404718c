import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { AppError } from "@/lib/result";
import { LAST_ADMIN } from "./db-errors";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { changeMemberCrmUserId, changeMemberRole, MEMBER_NOT_FOUND } from "./update-member";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

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
