import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automations } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { saveAutomation } from "./save-automation";
import { automationForm } from "./test-inputs";

describe.each(TEST_DRIVERS)("saveAutomation (the create/update server actions' logic) on %s", (driver) => {
  let handle: DbHandle;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  const scope = () => ({ claims: team.memberA.claims, workspaceId: team.workspace.id });
  const count = async () => (await handle.db.select({ id: automations.id }).from(automations).where(eq(automations.workspaceId, team.workspace.id))).length;

  beforeAll(async () => {
    handle = await createTestDb(driver);
    team = await makeTeam(handle.db);
  });
  afterAll(async () => handle?.close());

  it("returns each field's message keyed by its path and writes nothing", async () => {
    const input = {
      ...automationForm(),
      name: "  ",
      actions: [
        { type: "create_activity", config: { subject: "", activityType: "call", dueInDays: -1, assignee: { kind: "deal_owner" } } },
        { type: "send_webhook", config: { url: "not a url", headers: [] } },
      ],
    };
    const result = await saveAutomation(handle.db, { ...scope(), input });
    expect(result).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: {
        name: "Name is required",
        "actions.0.config.subject": "Subject is required",
        "actions.0.config.dueInDays": "Due days cannot be negative",
        "actions.1.config.url": "Enter a valid URL (http:// or https://)",
      },
    });
    expect(await count()).toBe(0);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ["an unknown trigger", { trigger: { type: "deal.exploded" } }, { "trigger.type": "Choose a trigger" }],
    ["an unknown action type", { actions: [{ type: "teleport", config: {} }] }, { "actions.0.type": "Choose an action" }],
    [
      "an unknown operator",
      { conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "approx", value: 1 }] } },
      { "conditions.conditions.0.operator": "Unknown operator “approx”" },
    ],
    [
      "an operator that does not fit the field's type",
      { conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "contains", value: "1" }] } },
      { "conditions.conditions.0.operator": "“Contains” cannot be used with Amount" },
    ],
  ])("rejects %s instead of passing it", async (_, overrides, fieldErrors) => {
    const result = await saveAutomation(handle.db, { ...scope(), input: { ...automationForm(), ...overrides } });
    expect(result).toMatchObject({ ok: false, fieldErrors });
    expect(await count()).toBe(0);
  });

  it("rejects a member of another workspace as a recipient, keyed to the member input", async () => {
    const input = automationForm({
      actions: [{ type: "notify_user", config: { to: { kind: "member", userId: team.outsider.id }, message: "Hi" } }],
    });
    const result = await saveAutomation(handle.db, { ...scope(), input });
    expect(result).toEqual({
      ok: false,
      error: "Some actions name people outside this workspace",
      fieldErrors: { "actions.0.config.to.userId": "Choose a member of this workspace" },
    });
    expect(await count()).toBe(0);
  });

  it("refuses a malformed template and saves an unknown variable with a warning naming it", async () => {
    const malformed = automationForm({
      actions: [{ type: "create_activity", config: { subject: "Call {{deal.amount", activityType: "call", dueInDays: 1, assignee: { kind: "deal_owner" } } }],
    });
    const refused = await saveAutomation(handle.db, { ...scope(), input: malformed });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { "actions.0.config.subject": "“{{deal.amount” is not closed: add “}}” after the variable's name" } });
    expect(await count()).toBe(0);

    const unknown = automationForm({
      actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.titel}} for {{owner.name}} ({{ deal.titel }})" } }],
    });
    const saved = await saveAutomation(handle.db, { ...scope(), input: unknown });
    expect(saved).toMatchObject({
      ok: true,
      data: { warnings: [{ path: "actions.0.config.message", message: "Unknown variable {{deal.titel}}: deal events have no such value, so it would be left empty" }] },
    });
    expect(await count()).toBe(1);
  });

  it("creates, then updates to the next version; a stale version is a readable conflict", async () => {
    const created = await saveAutomation(handle.db, { ...scope(), input: automationForm() });
    expect(created).toMatchObject({ ok: true, data: { version: 1 } });
    if (!created.ok) return;
    const updated = await saveAutomation(handle.db, { ...scope(), id: created.data.id, expectedVersion: 1, input: automationForm({ name: "Again" }) });
    expect(updated).toEqual({ ok: true, data: { id: created.data.id, version: 2, warnings: [] } });
    const stale = await saveAutomation(handle.db, { ...scope(), id: created.data.id, expectedVersion: 1, input: automationForm() });
    expect(stale).toMatchObject({ ok: false, error: expect.stringContaining("Someone else saved") });
    const missing = await saveAutomation(handle.db, { ...scope(), id: crypto.randomUUID(), input: automationForm() });
    expect(missing).toEqual({ ok: false, error: "Automation not found" });
  });
});
