import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations, pipelineStages, pipelines } from "@/db/schema";
import { AppError } from "@/lib/result";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { clearFieldCatalogCache, getFieldCatalog, getFieldCatalogEntry } from "./get-field-catalog";
import { deleteCustomField, saveActivityTypes, saveCustomField } from "./manage-fields";
import { deletePipeline, importPipelineStages, savePipeline } from "./manage-pipelines";
import { readFieldCatalog } from "./read-field-catalog";
import { DEFAULT_FIELD_CATALOG } from "@/lib/automations/field-catalog";

type Team = Awaited<ReturnType<typeof makeTeam>>;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const SALES = { name: "Sales", stages: [{ id: "1", label: "Lead in" }, { id: "3", label: "Contract sent" }, { id: "7", label: "Won" }] };

describe.each(TEST_DRIVERS)("managing the field catalog on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;
  const admin = () => ({ claims: team.admin.claims, workspaceId: team.workspace.id });
  const member = () => ({ claims: team.memberA.claims, workspaceId: team.workspace.id });
  const stored = async () => (await readFieldCatalog(handle.db, team.workspace.id))!.config;

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    clearFieldCatalogCache();
    team = await makeTeam(handle.db);
  });

  it("starts with nothing configured: the built-in catalog, shared", async () => {
    expect(await stored()).toEqual({ pipelines: [], activityTypes: [], customFields: [] });
    expect(await getFieldCatalog(handle.db, team.workspace.id)).toBe(DEFAULT_FIELD_CATALOG);
  });

  it("saves a pipeline with its stages in order, and offers them as the deal's stages", async () => {
    const { id } = await savePipeline(handle.db, { ...admin(), input: SALES });
    expect((await stored()).pipelines).toEqual([{ id, name: "Sales", stages: SALES.stages }]);
    const catalog = await getFieldCatalog(handle.db, team.workspace.id);
    expect(catalog.getField("deal.stage")?.options?.map((option) => option.value)).toEqual(["1", "3", "7"]);
    expect(catalog.resolveStage("contract SENT")).toBe("3");
    expect(catalog.resolveStage(3)).toBe("3");

    await savePipeline(handle.db, { ...admin(), input: { id, name: "Sales EU", stages: [SALES.stages[2], SALES.stages[0]] } });
    expect((await stored()).pipelines).toEqual([{ id, name: "Sales EU", stages: [SALES.stages[2], SALES.stages[0]] }]);
  });

  it("refuses bad pipelines with the field at fault, changing nothing", async () => {
    await savePipeline(handle.db, { ...admin(), input: SALES });
    const before = await stored();
    const cases: [unknown, string, string][] = [
      [{ name: " ", stages: SALES.stages }, "name", "Enter a pipeline name"],
      [{ name: "X", stages: [] }, "stages", "Add at least one stage"],
      [{ name: "X", stages: [{ id: "a", label: "A" }, { id: " A ", label: "B" }] }, "stages.1.id", "Stage id “A” is already used by stage 1"],
      [{ name: "X", stages: [{ id: "3", label: "Again" }] }, "stages.0.id", "Stage id “3” is already used in the pipeline “Sales”"],
      [{ name: "X", stages: Array.from({ length: 101 }, (_, i) => ({ id: `s${i}`, label: `S${i}` })) }, "stages", "A pipeline has at most 100 stages"],
    ];
    for (const [input, path, message] of cases) {
      const error = await rejection(savePipeline(handle.db, { ...admin(), input }));
      expect([error.code, error.fieldErrors?.[path]]).toEqual(["invalid_input", message]);
    }
    const duplicate = await rejection(savePipeline(handle.db, { ...admin(), input: { ...SALES, stages: [{ id: "9", label: "Nine" }] } }));
    expect([duplicate.code, duplicate.message]).toEqual(["conflict", "A pipeline named “Sales” already exists"]);
    expect(await stored()).toEqual(before);
  });

  it("imports a stage list from pasted JSON, and refuses bad JSON without a change", async () => {
    const created = await importPipelineStages(handle.db, { ...admin(), name: "Pipedrive", json: JSON.stringify({ data: [{ id: 4, name: "Demo", order_nr: 2, pipeline_id: 1 }, { id: 2, name: "Qualified", order_nr: 1, pipeline_id: 1 }] }) });
    expect(created.stages).toHaveLength(2);
    expect((await stored()).pipelines[0].stages).toEqual([{ id: "2", label: "Qualified" }, { id: "4", label: "Demo" }]);
    const before = await stored();
    for (const json of ["[", "{}", "[]", "[{\"label\": \"No id\"}]", JSON.stringify([{ id: 1, name: "A", pipeline_id: 1 }, { id: 2, name: "B", pipeline_id: 2 }]), "x".repeat(100_001)]) {
      const error = await rejection(importPipelineStages(handle.db, { ...admin(), pipelineId: created.id, json }));
      expect(error.code).toBe("invalid_input");
      expect(error.fieldErrors?.json).toBeTruthy();
    }
    expect(await stored()).toEqual(before);
    const replaced = await importPipelineStages(handle.db, { ...admin(), pipelineId: created.id, json: JSON.stringify(["Lead", "Contract sent"]) });
    expect(replaced.id).toBe(created.id);
    expect((await stored()).pipelines[0].stages).toEqual([{ id: "lead", label: "Lead" }, { id: "contract_sent", label: "Contract sent" }]);
  });

  it("lets only admins change the catalog; members read it", async () => {
    for (const change of [
      () => savePipeline(handle.db, { ...member(), input: SALES }),
      () => saveActivityTypes(handle.db, { ...member(), input: { types: [{ key: "lunch", label: "Lunch" }] } }),
      () => saveCustomField(handle.db, { ...member(), input: { entity: "deal", key: "tier", label: "Tier", type: "text" } }),
    ]) {
      expect((await rejection(change())).code).toBe("forbidden");
    }
    const { id } = await savePipeline(handle.db, { ...admin(), input: SALES });
    expect((await rejection(deletePipeline(handle.db, { ...member(), pipelineId: id }))).code).toBe("not_found");
    expect((await readFieldCatalog(handle.db, team.workspace.id))!.config.pipelines).toHaveLength(1);
    await deletePipeline(handle.db, { ...admin(), pipelineId: id });
    expect(await handle.db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, id))).toEqual([]);
    expect((await rejection(deletePipeline(handle.db, { ...admin(), pipelineId: "not-a-uuid" }))).code).toBe("not_found");
  });

  it("replaces the activity types, validating keys", async () => {
    await saveActivityTypes(handle.db, { ...admin(), input: { types: [{ key: "lunch", label: "Lunch" }, { key: "call", label: "Phone call" }] } });
    const catalog = await getFieldCatalog(handle.db, team.workspace.id);
    expect(catalog.activityTypes).toEqual([{ value: "lunch", label: "Lunch" }, { value: "call", label: "Phone call" }]);
    const error = await rejection(saveActivityTypes(handle.db, { ...admin(), input: { types: [{ key: "Big Lunch", label: "x" }] } }));
    expect(error.fieldErrors?.["types.0.key"]).toMatch(/lowercase letters/);
    await saveActivityTypes(handle.db, { ...admin(), input: { types: [] } });
    expect((await getFieldCatalog(handle.db, team.workspace.id)).isActivityType("meeting")).toBe(true);
  });

  it("adds custom fields, refuses clashes, and keeps fields that automations use", async () => {
    const { id } = await saveCustomField(handle.db, { ...admin(), input: { entity: "deal", key: "tier", label: "Tier", type: "choice", options: [{ value: "gold", label: "Gold" }] } });
    const catalog = await getFieldCatalog(handle.db, team.workspace.id);
    expect(catalog.getField("deal.tier")).toMatchObject({ label: "Tier", type: "choice", options: [{ value: "gold", label: "Gold" }] });
    expect((await rejection(saveCustomField(handle.db, { ...admin(), input: { entity: "deal", key: "amount", label: "A", type: "number" } }))).fieldErrors?.key).toBe("“amount” is a built-in deal field");
    expect((await rejection(saveCustomField(handle.db, { ...admin(), input: { entity: "deal", key: "tier", label: "T", type: "text" } }))).code).toBe("conflict");
    expect((await rejection(saveCustomField(handle.db, { ...admin(), input: { entity: "deal", key: "size", label: "Size", type: "choice" } }))).fieldErrors?.options).toBe("Add at least one option");

    await handle.db.insert(automations).values({
      workspaceId: team.workspace.id, ownerId: team.admin.id, name: "Gold deals", triggerType: "deal.created", trigger: { type: "deal.created" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.tier", operator: "equals", value: "gold" }] }, actions: [],
    });
    const used = await rejection(deleteCustomField(handle.db, { ...admin(), fieldId: id }));
    expect([used.code, used.message]).toEqual(["conflict", "“Tier” is used by the automation “Gold deals”: change it first."]);
    const retyped = await rejection(saveCustomField(handle.db, { ...admin(), input: { id, entity: "deal", key: "tier", label: "Tier", type: "text" } }));
    expect(retyped.code).toBe("conflict");
    await saveCustomField(handle.db, { ...admin(), input: { id, entity: "deal", key: "tier", label: "Deal tier", type: "choice", options: [{ value: "gold", label: "Gold" }] } });
    expect((await getFieldCatalog(handle.db, team.workspace.id)).getField("deal.tier")?.label).toBe("Deal tier");
  });

  it("reads the catalog again when the caller holds a newer revision (another process's change)", async () => {
    const first = await getFieldCatalogEntry(handle.db, team.workspace.id);
    // Written past this process's cache, as another server process would.
    const [pipeline] = await handle.db.insert(pipelines).values({ workspaceId: team.workspace.id, name: "Other process" }).returning();
    await handle.db.insert(pipelineStages).values({ workspaceId: team.workspace.id, pipelineId: pipeline.id, stageKey: "9", label: "Nine", position: 0 });
    expect((await getFieldCatalogEntry(handle.db, team.workspace.id)).rev).toBe(first.rev);
    const current = (await readFieldCatalog(handle.db, team.workspace.id))!.rev;
    expect(current).not.toBe(first.rev);
    const fresh = await getFieldCatalog(handle.db, team.workspace.id, current);
    expect(fresh.resolveStage("nine")).toBe("9");
  });
});
