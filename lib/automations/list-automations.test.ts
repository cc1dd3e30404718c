import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, type TestUser } from "@/test/fixtures";
import { createAutomation } from "./create-automation";
import { listAssignableMembers } from "./list-assignable-members";
import { escapeLike, listAutomations } from "./list-automations";
import { automationInput } from "./test-inputs";

describe("escapeLike", () => {
  it.each([
    ["100%", "100\\%"],
    ["a_b", "a\\_b"],
    ["back\\slash", "back\\\\slash"],
    ["plain", "plain"],
  ])("%s → %s", (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped);
  });
});

const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe.each(TEST_DRIVERS)("listing automations on %s", (driver) => {
  let handle: DbHandle;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  const as = (user: TestUser) => ({ claims: user.claims, workspaceId: team.workspace.id });

  beforeAll(async () => {
    handle = await createTestDb(driver);
    team = await makeTeam(handle.db);
    const create = async (user: TestUser, name: string, minutesAgo: number, workspaceId = team.workspace.id) => {
      const created = await createAutomation(handle.db, { claims: user.claims, workspaceId, input: automationInput({ name }) });
      // Distinct, known timestamps so the order is deterministic.
      await handle.db
        .update(automations)
        .set({ updatedAt: sql`now() - make_interval(mins => ${minutesAgo})` })
        .where(eq(automations.id, created.id));
    };
    await create(team.admin, "Admin: 100% of deals", 30);
    await create(team.memberA, "A: 1000 deals", 10);
    await create(team.memberA, "A: stage_change", 20);
    await create(team.memberB, "B: stageXchange", 5);
    await create(team.outsider, "Other workspace", 1, team.other.id);
  });
  afterAll(async () => handle?.close());

  it("shows an admin every automation of the workspace, newest change first, with owners", async () => {
    const rows = await listAutomations(handle.db, as(team.admin));
    expect(names(rows)).toEqual(["B: stageXchange", "A: 1000 deals", "A: stage_change", "Admin: 100% of deals"]);
    expect(rows.map((row) => row.ownerEmail)).toEqual([team.memberB.email, team.memberA.email, team.memberA.email, team.admin.email]);
  });

  it("shows a member only their own", async () => {
    expect(names(await listAutomations(handle.db, as(team.memberA)))).toEqual(["A: 1000 deals", "A: stage_change"]);
    expect(names(await listAutomations(handle.db, as(team.memberB)))).toEqual(["B: stageXchange"]);
  });

  it("searches names case-insensitively", async () => {
    expect(names(await listAutomations(handle.db, { ...as(team.admin), query: "  DEALS " }))).toEqual(["A: 1000 deals", "Admin: 100% of deals"]);
    expect(names(await listAutomations(handle.db, { ...as(team.memberA), query: "deals" }))).toEqual(["A: 1000 deals"]);
    expect(await listAutomations(handle.db, { ...as(team.admin), query: "Other workspace" })).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    // Unescaped, "0%" would match anything containing a 0 and "e_c" any "e?c".
    expect(names(await listAutomations(handle.db, { ...as(team.admin), query: "0%" }))).toEqual(["Admin: 100% of deals"]);
    expect(names(await listAutomations(handle.db, { ...as(team.admin), query: "e_c" }))).toEqual(["A: stage_change"]);
    expect(await listAutomations(handle.db, { ...as(team.admin), query: "%" })).toHaveLength(1);
  });

  it("lists the workspace's members as assignable, with emails, and nobody else", async () => {
    const members = await listAssignableMembers(handle.db, as(team.memberA));
    expect(members.map((member) => member.userId).sort()).toEqual([team.admin.id, team.memberA.id, team.memberB.id].sort());
    expect(members.find((member) => member.userId === team.admin.id)).toEqual({ userId: team.admin.id, email: team.admin.email, role: "admin" });
    const emails = members.map((member) => member.email);
    expect(emails).toEqual(emails.toSorted());
  });
});
