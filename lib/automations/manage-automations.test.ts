import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations } from "@/db/schema";
import { AppError } from "@/lib/result";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, type TestUser } from "@/test/fixtures";
import { createAutomation } from "./create-automation";
import { deleteAutomation } from "./delete-automation";
import { copyName, duplicateAutomation } from "./duplicate-automation";
import { getAutomation } from "./get-automation";
import { setAutomationActive } from "./set-automation-active";
import { automationInput } from "./test-inputs";
import { updateAutomation } from "./update-automation";

type Team = Awaited<ReturnType<typeof makeTeam>>;

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe.each(TEST_DRIVERS)("automation mutations on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;
  const as = (user: TestUser, workspaceId = team.workspace.id) => ({ claims: user.claims, workspaceId });

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    team = await makeTeam(handle.db);
  });

  /** The row as the service sees it, bypassing row-level security. */
  async function rawRow(id: string) {
    const [row] = await handle.db.select().from(automations).where(eq(automations.id, id));
    return row;
  }

  it("creates an active automation at version 1 owned by the acting user", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    expect(created).toMatchObject({
      ownerId: team.memberA.id,
      ownerEmail: team.memberA.email,
      workspaceId: team.workspace.id,
      name: "Negotiation follow-up",
      description: "Call the owner",
      isActive: true,
      version: 1,
      triggerType: "deal.stage_changed",
      trigger: { type: "deal.stage_changed", to: "negotiation" },
      consecutiveFailures: 0,
      disabledReason: null,
    });
    expect((created.actions as unknown[]).map((action) => (action as { type: string }).type)).toEqual(["create_activity", "notify_user"]);
    expect((created.conditions as { conditions: unknown[] }).conditions).toHaveLength(2);
  });

  it("stores absent conditions as SQL null and a blank description as null", async () => {
    const created = await createAutomation(handle.db, { ...as(team.admin), input: automationInput({ conditions: null, description: "  " }) });
    const [row] = await handle.db
      .select({ isNull: sql<boolean>`${automations.conditions} is null` })
      .from(automations)
      .where(eq(automations.id, created.id));
    expect(row.isNull).toBe(true);
    expect(created.description).toBeNull();
  });

  it("increments the version on every save, follows the trigger type and keeps the owner", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    const first = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: automationInput({ name: "Renamed" }) });
    expect(first).toMatchObject({ version: 2, name: "Renamed" });
    expect(first.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    // An admin edits a member's automation: the member stays the owner.
    const second = await updateAutomation(handle.db, {
      ...as(team.admin),
      id: created.id,
      expectedVersion: 2,
      input: automationInput({ trigger: { type: "deal.won" } }),
    });
    expect(second).toMatchObject({ version: 3, ownerId: team.memberA.id, triggerType: "deal.won", trigger: { type: "deal.won" } });
  });

  it("refuses a save over a newer version and changes nothing", async () => {
    const created = await createAutomation(handle.db, { ...as(team.admin), input: automationInput() });
    await updateAutomation(handle.db, { ...as(team.admin), id: created.id, expectedVersion: 1, input: automationInput({ name: "First" }) });
    await expectAppError(
      updateAutomation(handle.db, { ...as(team.admin), id: created.id, expectedVersion: 1, input: automationInput({ name: "Stale" }) }),
      "conflict",
    );
    expect(await rawRow(created.id)).toMatchObject({ name: "First", version: 2 });
  });

  it("clears the failure streak only when an inactive automation is turned back on", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    const fail = (isActive: boolean) =>
      handle.db
        .update(automations)
        .set({ isActive, consecutiveFailures: 5, disabledReason: "5 failed runs in a row" })
        .where(eq(automations.id, created.id));

    // Saving an automation that is still on keeps its streak (and, changing nothing, its version).
    await fail(true);
    await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: automationInput(), isActive: true });
    expect(await rawRow(created.id)).toMatchObject({ consecutiveFailures: 5, disabledReason: "5 failed runs in a row" });
    await setAutomationActive(handle.db, { ...as(team.memberA), id: created.id, isActive: true });
    expect(await rawRow(created.id)).toMatchObject({ consecutiveFailures: 5 });

    // Switching off keeps the reason; switching back on clears it, without a new version.
    await fail(true);
    const off = await setAutomationActive(handle.db, { ...as(team.memberA), id: created.id, isActive: false });
    // The save above changed nothing in the definition, so it wrote no version.
    expect(off).toMatchObject({ isActive: false, disabledReason: "5 failed runs in a row", version: 1 });
    const on = await setAutomationActive(handle.db, { ...as(team.memberA), id: created.id, isActive: true });
    expect(on).toMatchObject({ isActive: true, consecutiveFailures: 0, disabledReason: null, version: 1 });

    // Reactivating through a save clears it too.
    await fail(false);
    const saved = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: automationInput(), isActive: true });
    expect(saved).toMatchObject({ isActive: true, consecutiveFailures: 0, disabledReason: null, version: 1 });
  });

  it("keeps the version when a save changes nothing, whatever the key order", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    const same = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, expectedVersion: 1, input: automationInput() });
    expect(same).toMatchObject({ version: 1, updatedAt: created.updatedAt });
    const renamed = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, expectedVersion: 1, input: automationInput({ name: "Other" }) });
    expect(renamed).toMatchObject({ version: 2, name: "Other" });
  });

  it("deletes an automation once (switched off and hidden, its row kept for its runs); the second time it is not found", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberB), input: automationInput() });
    expect(await deleteAutomation(handle.db, { ...as(team.memberB), id: created.id })).toEqual({ id: created.id });
    expect(await rawRow(created.id)).toMatchObject({ isActive: false, deletedAt: expect.any(Date) });
    await expectAppError(getAutomation(handle.db, { ...as(team.memberB), id: created.id }), "not_found");
    await expectAppError(setAutomationActive(handle.db, { ...as(team.memberB), id: created.id, isActive: true }), "not_found");
    await expectAppError(deleteAutomation(handle.db, { ...as(team.memberB), id: created.id }), "not_found");
  });

  it("duplicates as an inactive version-1 copy owned by whoever duplicates", async () => {
    const original = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    await updateAutomation(handle.db, { ...as(team.memberA), id: original.id, input: automationInput({ description: "Edited" }) });
    const copy = await duplicateAutomation(handle.db, { ...as(team.admin), id: original.id });
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({
      name: "Negotiation follow-up (copy)",
      ownerId: team.admin.id,
      ownerEmail: team.admin.email,
      isActive: false,
      version: 1,
      triggerType: original.triggerType,
      trigger: original.trigger,
      conditions: original.conditions,
      actions: original.actions,
    });
    expect(await rawRow(original.id)).toMatchObject({ ownerId: team.memberA.id, isActive: true, version: 2 });
  });

  it("names a copy as the person chose, and refuses a blank or too long name", async () => {
    const original = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    const copy = await duplicateAutomation(handle.db, { ...as(team.memberA), id: original.id, name: "  Renewals follow-up  " });
    expect(copy).toMatchObject({ name: "Renewals follow-up", isActive: false, ownerId: team.memberA.id });
    for (const [name, message] of [["   ", "Name is required"], ["x".repeat(121), "Name must be at most 120 characters"], [42, "Name is required"]] as const) {
      const error = await expectAppError(duplicateAutomation(handle.db, { ...as(team.memberA), id: original.id, name }), "invalid_input");
      expect(error.fieldErrors).toEqual({ name: message });
    }
    const [{ count }] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(automations).where(eq(automations.ownerId, team.memberA.id));
    expect(count).toBe(2);
  });

  it("keeps a copy's name within 120 characters", () => {
    expect(copyName("x".repeat(120))).toBe(`${"x".repeat(113)} (copy)`);
    expect(copyName("x".repeat(120))).toHaveLength(120);
    expect(copyName("Short")).toBe("Short (copy)");
  });

  it("does not let a member read or change another member's automation", async () => {
    const theirs = await createAutomation(handle.db, { ...as(team.memberB), input: automationInput() });
    const member = as(team.memberA);
    await expectAppError(getAutomation(handle.db, { ...member, id: theirs.id }), "not_found");
    await expectAppError(updateAutomation(handle.db, { ...member, id: theirs.id, input: automationInput({ name: "Hijacked" }) }), "not_found");
    await expectAppError(setAutomationActive(handle.db, { ...member, id: theirs.id, isActive: false }), "not_found");
    await expectAppError(deleteAutomation(handle.db, { ...member, id: theirs.id }), "not_found");
    await expectAppError(duplicateAutomation(handle.db, { ...member, id: theirs.id }), "not_found");
    expect(await rawRow(theirs.id)).toMatchObject({ name: "Negotiation follow-up", isActive: true, version: 1 });
    // …while an admin of the workspace can.
    expect(await getAutomation(handle.db, { ...as(team.admin), id: theirs.id })).toMatchObject({ ownerEmail: team.memberB.email });
  });

  it("treats another workspace's automation, and a malformed id, as not found", async () => {
    const foreign = await createAutomation(handle.db, { ...as(team.outsider, team.other.id), input: automationInput() });
    const admin = as(team.admin);
    await expectAppError(getAutomation(handle.db, { ...admin, id: foreign.id }), "not_found");
    await expectAppError(updateAutomation(handle.db, { ...admin, id: foreign.id, input: automationInput() }), "not_found");
    await expectAppError(deleteAutomation(handle.db, { ...admin, id: foreign.id }), "not_found");
    await expectAppError(duplicateAutomation(handle.db, { ...admin, id: foreign.id }), "not_found");
    // Even naming the other workspace does not help: row-level security checks membership.
    await expectAppError(getAutomation(handle.db, { ...as(team.admin, team.other.id), id: foreign.id }), "not_found");
    await expectAppError(getAutomation(handle.db, { ...admin, id: "not-a-uuid" }), "not_found");
    expect(await rawRow(foreign.id)).toMatchObject({ version: 1 });
  });

  it("refuses to create in a workspace the user does not belong to", async () => {
    const error = await createAutomation(handle.db, { ...as(team.memberA, team.other.id), input: automationInput() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const rows = await handle.db.select({ id: automations.id }).from(automations).where(eq(automations.workspaceId, team.other.id));
    expect(rows).toEqual([]);
  });

  it("accepts a workspace member as a recipient and rejects anyone else, naming the input", async () => {
    const withMember = (userId: string) =>
      automationInput({
        actions: [
          { type: "create_activity", config: { subject: "Call", activityType: "call", dueInDays: 1, assignee: { kind: "member", userId } } },
          { type: "send_email", config: { to: { kind: "member", userId: team.memberA.id }, subject: "Hi", body: "Hello" } },
        ],
      });
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: withMember(team.memberB.id) });
    expect(created.version).toBe(1);

    const error = await expectAppError(
      updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: withMember(team.outsider.id) }),
      "invalid_input",
    );
    expect(error.fieldErrors).toEqual({ "actions.0.config.assignee.userId": "Choose a member of this workspace" });
    expect(await rawRow(created.id)).toMatchObject({ version: 1 });
  });
});
