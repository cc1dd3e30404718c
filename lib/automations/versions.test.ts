import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations, automationVersions, workspaceMembers } from "@/db/schema";
import { AppError } from "@/lib/result";
import { insertEvent, insertRun } from "@/lib/runs/history-test-support";
import { getRunDetail } from "@/lib/runs/get-run-detail";
import { pruneHistory } from "@/lib/runs/prune-history";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { insertSource } from "@/lib/webhooks/test-support";
import { createAutomation } from "./create-automation";
import { deleteAutomation } from "./delete-automation";
import { listAutomations } from "./list-automations";
import { getVersion, listVersions } from "./list-versions";
import { restoreVersion } from "./restore-version";
import { automationForm, automationInput } from "./test-inputs";
import { updateAutomation } from "./update-automation";

type Team = Awaited<ReturnType<typeof makeTeam>>;

const withThreshold = (value: number) => {
  const form = automationForm();
  const conditions = structuredClone(form.conditions) as { conditions: Array<{ value?: unknown }> };
  conditions.conditions[0].value = value;
  return automationInput({ conditions: conditions as never });
};

describe.each(TEST_DRIVERS)("automation versions on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;
  const as = (user: Team["admin"]) => ({ claims: user.claims, workspaceId: team.workspace.id });

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    team = await makeTeam(handle.db);
  });

  const versionRows = (id: string) =>
    handle.db.select({ version: automationVersions.version }).from(automationVersions).where(eq(automationVersions.automationId, id)).orderBy(automationVersions.version);

  it("writes a version on each change, with its author and what changed, and none on a save that changes nothing", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: withThreshold(10000) });
    const same = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: withThreshold(10000) });
    expect(same.version).toBe(1);
    const off = await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: withThreshold(10000), isActive: false });
    expect(off).toMatchObject({ version: 1, isActive: false });
    const changed = await updateAutomation(handle.db, { ...as(team.admin), id: created.id, input: withThreshold(20000) });
    expect(changed.version).toBe(2);
    expect(await versionRows(created.id)).toEqual([{ version: 1 }, { version: 2 }]);

    const versions = await listVersions(handle.db, { ...as(team.memberA), automationId: created.id });
    expect(versions.map((v) => [v.version, v.authorEmail, v.summary])).toEqual([
      [2, team.admin.email, "condition Amount is greater than 10,000 → Amount is greater than 20,000"],
      [1, team.memberA.email, "Created"],
    ]);
  });

  it("keeps each version's definition, and restoring one writes a new version without rewriting history", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: withThreshold(10000) });
    await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: withThreshold(20000) });
    await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: { ...withThreshold(20000), name: "Renamed" } });
    const first = await getVersion(handle.db, { ...as(team.memberA), automationId: created.id, version: 1 });
    expect(first?.definition).toMatchObject({ name: "Negotiation follow-up", conditions: { conditions: [{ value: 10000 }, expect.anything()] } });

    const restored = await restoreVersion(handle.db, { ...as(team.memberA), automationId: created.id, version: 1 });
    expect(restored).toMatchObject({ version: 4, name: "Negotiation follow-up" });
    expect((restored.conditions as { conditions: Array<{ value?: unknown }> }).conditions[0].value).toBe(10000);
    const versions = await listVersions(handle.db, { ...as(team.memberA), automationId: created.id });
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(versions[0].summary).toMatch(/^Restored version 1: renamed “Renamed” → “Negotiation follow-up”; condition Amount is greater than 20,000 → Amount is greater than 10,000$/);
  });

  it("shows versions only to those who may see the automation", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    expect(await listVersions(handle.db, { ...as(team.memberB), automationId: created.id })).toEqual([]);
    expect(await getVersion(handle.db, { ...as(team.memberB), automationId: created.id, version: 1 })).toBeNull();
    expect(await listVersions(handle.db, { claims: team.outsider.claims, workspaceId: team.other.id, automationId: created.id })).toEqual([]);
    await expect(restoreVersion(handle.db, { ...as(team.memberB), automationId: created.id, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    expect((await listVersions(handle.db, { ...as(team.admin), automationId: created.id })).map((v) => v.version)).toEqual([1]);
  });

  it("a run shows the version it ran, also after edits and after the automation is deleted; retention then removes it", async () => {
    const created = await createAutomation(handle.db, { ...as(team.memberA), input: withThreshold(10000) });
    const source = await insertSource(handle.db, team.workspace.id);
    const eventId = await insertEvent(handle.db, { workspaceId: team.workspace.id, sourceId: source.id, receivedAt: new Date("2026-01-01T00:00:00Z") });
    const runId = await insertRun(handle.db, { workspaceId: team.workspace.id, automationId: created.id, ownerId: team.memberA.id, eventId, createdAt: new Date("2026-01-01T00:00:00Z") });
    await updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: withThreshold(50000) });

    const detail = await getRunDetail(handle.db, team.memberA.claims, { workspaceId: team.workspace.id, runId });
    expect(detail.automation?.version).toBe(2);
    expect(detail.ranVersion?.definition.conditions?.conditions[0]).toMatchObject({ value: 10000 });

    await deleteAutomation(handle.db, { ...as(team.memberA), id: created.id });
    expect((await listAutomations(handle.db, as(team.memberA))).map((a) => a.id)).not.toContain(created.id);
    const afterDelete = await getRunDetail(handle.db, team.memberA.claims, { workspaceId: team.workspace.id, runId });
    expect(afterDelete.automation?.deletedAt).toBeInstanceOf(Date);
    expect(afterDelete.ranVersion?.definition.name).toBe("Negotiation follow-up");
    await expect(updateAutomation(handle.db, { ...as(team.memberA), id: created.id, input: automationInput() })).rejects.toBeInstanceOf(AppError);

    // The run is past retention: it goes, then the deleted automation with its versions.
    const result = await pruneHistory(handle.db, { now: new Date("2026-06-01T00:00:00Z"), retentionDays: 30 });
    expect(result.deletedAutomations).toBe(1);
    expect(await handle.db.select({ id: automations.id }).from(automations).where(eq(automations.id, created.id))).toEqual([]);
    expect(await versionRows(created.id)).toEqual([]);
  });

  it("refuses to restore a version that names a member who has left, saying why, and writes nothing", async () => {
    const input = automationInput({
      actions: [{ type: "create_activity", config: { subject: "Call", activityType: "call", dueInDays: 1, assignee: { kind: "member", userId: team.memberB.id } } }],
    });
    const created = await createAutomation(handle.db, { ...as(team.admin), input });
    await updateAutomation(handle.db, { ...as(team.admin), id: created.id, input: automationInput() });
    await handle.db.delete(workspaceMembers).where(eq(workspaceMembers.userId, team.memberB.id));
    await expect(restoreVersion(handle.db, { ...as(team.admin), automationId: created.id, version: 1 })).rejects.toBeInstanceOf(AppError);
    expect(await versionRows(created.id)).toEqual([{ version: 1 }, { version: 2 }]);
  });
});
