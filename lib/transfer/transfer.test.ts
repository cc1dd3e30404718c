import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations, workspaceMembers } from "@/db/schema";
import { createAutomation } from "@/lib/automations/create-automation";
import { definitionOf } from "@/lib/automations/definition";
import { listAutomations } from "@/lib/automations/list-automations";
import { automationInput } from "@/lib/automations/test-inputs";
import { createWorkspace } from "@/lib/workspaces/create-account";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { MAX_IMPORT_BYTES, REDACTED } from "./document";
import { exportAutomations } from "./export-automations";
import { importAutomations, previewImport } from "./import-automations";
import { saveCustomField } from "@/lib/field-catalog/manage-fields";
import { savePipeline } from "@/lib/field-catalog/manage-pipelines";

type Team = Awaited<ReturnType<typeof makeTeam>>;

function doc(overrides: Record<string, unknown>): string {
  const automation = { name: "X", description: null, trigger: { type: "deal.created" }, conditions: null, actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "Hi" } }], ...overrides };
  return JSON.stringify({ format: "crm-automations", version: 1, automations: [automation] });
}

describe.each(TEST_DRIVERS)("export and import on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;
  const as = (user: Team["admin"], workspaceId = team.workspace.id) => ({ claims: user.claims, workspaceId });
  const rows = async (workspaceId: string) => (await handle.db.select({ n: count() }).from(automations).where(eq(automations.workspaceId, workspaceId)))[0].n;

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    team = await makeTeam(handle.db);
  });

  it("round-trips a workspace's automations into another workspace: equal definitions, inactive, members matched by email, header values redacted", async () => {
    await createAutomation(handle.db, { ...as(team.admin), input: automationInput({ name: "Stage follow-up" }) });
    await createAutomation(handle.db, {
      ...as(team.admin),
      input: automationInput({
        name: "Assign to A, push to ERP",
        actions: [
          { type: "create_activity", config: { subject: "Call", activityType: "call", dueInDays: 1, assignee: { kind: "member", userId: team.memberA.id } } },
          { type: "send_webhook", config: { url: "https://erp.example.com/hook", headers: [{ name: "Authorization", value: "Bearer s3cret" }] } },
          // The fallback names a member too: it travels by email like the recipient.
          { type: "notify_user", config: { to: { kind: "deal_owner" }, ifOwnerMissing: { kind: "member", userId: team.memberA.id }, message: "Hi" } },
        ],
      }),
    });
    const document = await exportAutomations(handle.db, as(team.admin));
    const text = JSON.stringify(document);
    expect(document).toMatchObject({ format: "crm-automations", version: 1 });
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain(team.memberA.id);
    expect(text).toContain(team.memberA.email);
    expect(text).toContain(`"ifOwnerMissing":{"kind":"member","email":"${team.memberA.email}"}`);

    // A second workspace of the same admin, with member A in it too.
    const second = await createWorkspace(handle.db, { name: "Second", adminId: team.admin.id, adminCrmUserId: "crm-admin-2" });
    await handle.db.insert(workspaceMembers).values({ workspaceId: second.id, userId: team.memberA.id, role: "member" });
    const preview = await previewImport(handle.db, as(team.admin, second.id), text);
    expect(preview.problems).toEqual([]);
    expect(preview.items.map((i) => [i.createAs, i.action, i.needsValue])).toEqual([
      ["Assign to A, push to ERP", "create", ["actions.1.config.headers.0.value"]],
      ["Stage follow-up", "create", []],
    ]);
    const { ids } = await importAutomations(handle.db, as(team.admin, second.id), text);
    expect(ids).toHaveLength(2);
    const imported = await listAutomations(handle.db, as(team.admin, second.id));
    expect(imported.every((a) => !a.isActive)).toBe(true);
    const again = await exportAutomations(handle.db, as(team.admin, second.id));
    const strip = (d: typeof document) => d.automations.map((a) => definitionOf(a));
    expect(strip(again)).toEqual(strip(document));

    // Importing again clashes on names: copies with a suffix.
    const clash = await previewImport(handle.db, as(team.admin, second.id), text);
    expect(clash.items.map((i) => [i.createAs, i.action])).toEqual([
      ["Assign to A, push to ERP (imported)", "create_copy"],
      ["Stage follow-up (imported)", "create_copy"],
    ]);
  });

  const bad: Array<[string, () => string, RegExp]> = [
    ["a file over 1 MB", () => JSON.stringify({ format: "crm-automations", version: 1, automations: [], pad: "x".repeat(MAX_IMPORT_BYTES) }), /larger than 1 MB/],
    ["invalid JSON", () => '{"format": "crm-automations", ', /not valid JSON/],
    ["another format", () => JSON.stringify({ format: "zapier", version: 1, automations: [] }), /not an automations export/],
    ["an unknown format version", () => JSON.stringify({ format: "crm-automations", version: 2, automations: [] }), /version 2; this app reads version 1/],
    ["a trigger type that does not exist", () => doc({ trigger: { type: "deal.exploded" } }), /automations\.0\.trigger\.type: “deal\.exploded” is not a trigger/],
    ["a member email not in the workspace", () => doc({ actions: [{ type: "notify_user", config: { to: { kind: "member", email: "stranger@example.com" }, message: "Hi" } }] }), /stranger@example\.com is not a member/],
    ["an invalid field", () => doc({ name: "" }), /automations\.0\.name: Name is required/],
  ];

  it.each(bad)("refuses %s with a clear message and writes nothing", async (_what, text, message) => {
    const before = await rows(team.workspace.id);
    await expect(importAutomations(handle.db, as(team.admin), text())).rejects.toThrow(message);
    expect(await rows(team.workspace.id)).toBe(before);
  });

  it("also imports the API's input form (docs/api.md), with its paths into the element", async () => {
    const apiForm = {
      name: "From a script",
      trigger: { type: "deal_stage_changed", stage_id: "negotiation" },
      condition: { field: "amount", operator: ">", value: 1000 },
      action: { type: "create_activity", subject: "Follow up", due_in_days: 2 },
    };
    const good = JSON.stringify({ format: "crm-automations", version: 1, automations: [apiForm] });
    const { ids } = await importAutomations(handle.db, as(team.admin), good);
    const [imported] = (await listAutomations(handle.db, as(team.admin))).filter((a) => ids.includes(a.id));
    expect(imported).toMatchObject({ name: "From a script", isActive: false, trigger: { type: "deal.stage_changed", to: "negotiation" } });

    const invalid = JSON.stringify({ format: "crm-automations", version: 1, automations: [{ ...apiForm, condition: { field: "amount", operator: ">", value: "lots" } }] });
    const preview = await previewImport(handle.db, as(team.admin), invalid);
    expect(preview.problems.map((p) => p.path)).toEqual(["automations.0.condition.value"]);
  });

  it("checks an import against the receiving workspace's custom fields and stages", async () => {
    const text = doc({
      name: "Gold deals",
      trigger: { type: "deal.stage_changed", to: "Contract sent" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.tier", operator: "equals", value: "gold" }] },
    });
    const unknown = await previewImport(handle.db, as(team.admin), text);
    expect(unknown.problems).toEqual([{ path: "automations.0.conditions.conditions.0.field", message: "Unknown field “deal.tier”" }]);
    await saveCustomField(handle.db, { ...as(team.admin), input: { entity: "deal", key: "tier", label: "Tier", type: "text" } });
    await savePipeline(handle.db, { ...as(team.admin), input: { name: "Sales", stages: [{ id: "7", label: "Contract sent" }] } });
    const { ids } = await importAutomations(handle.db, as(team.admin), text);
    const [imported] = (await listAutomations(handle.db, as(team.admin))).filter((a) => ids.includes(a.id));
    expect(imported.trigger).toEqual({ type: "deal.stage_changed", to: "7" });
  });

  it("a member exports only their own automations", async () => {
    await createAutomation(handle.db, { ...as(team.memberA), input: automationInput({ name: "A's" }) });
    await createAutomation(handle.db, { ...as(team.memberB), input: automationInput({ name: "B's" }) });
    expect((await exportAutomations(handle.db, as(team.memberA))).automations.map((a) => a.name)).toEqual(["A's"]);
    expect((await exportAutomations(handle.db, { claims: team.outsider.claims, workspaceId: team.workspace.id })).automations).toEqual([]);
  });

  it("exports a selection", async () => {
    const one = await createAutomation(handle.db, { ...as(team.admin), input: automationInput({ name: "One" }) });
    await createAutomation(handle.db, { ...as(team.admin), input: automationInput({ name: "Two" }) });
    expect((await exportAutomations(handle.db, { ...as(team.admin), ids: [one.id] })).automations.map((a) => a.name)).toEqual(["One"]);
    expect(REDACTED).toBe("<redacted>");
  });
});
