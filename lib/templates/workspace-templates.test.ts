import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createAutomation } from "@/lib/automations/create-automation";
import { automationInput } from "@/lib/automations/test-inputs";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { loadTemplateForEditor } from "./load-template";
import { deleteWorkspaceTemplate, listWorkspaceTemplates, saveWorkspaceTemplate } from "./workspace-templates";

type Team = Awaited<ReturnType<typeof makeTeam>>;

const withWebhook = () =>
  automationInput({
    actions: [{ type: "send_webhook", config: { url: "https://hooks.example.com/x", headers: [{ name: "Authorization", value: "Bearer secret-token" }] } }],
  });

describe.each(TEST_DRIVERS)("workspace templates on %s", (driver) => {
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

  it("an admin saves one without webhook header values; every member sees it and starts from it with the values to fill", async () => {
    const automation = await createAutomation(handle.db, { ...as(team.admin), input: withWebhook() });
    await saveWorkspaceTemplate(handle.db, { ...as(team.admin), automationId: automation.id, name: "Push to ERP", description: "For the ERP" });
    const [template] = await listWorkspaceTemplates(handle.db, as(team.memberA));
    expect(template).toMatchObject({ name: "Push to ERP", description: "For the ERP" });
    expect(JSON.stringify(template.definition)).not.toContain("secret-token");
    const editor = await loadTemplateForEditor(handle.db, as(team.memberA), { workspaceTemplate: template.id });
    expect(editor).toMatchObject({ name: "Push to ERP", blanks: [{ path: "actions.0.config.headers.0.value", label: "Header value" }] });
    expect(await listWorkspaceTemplates(handle.db, { claims: team.outsider.claims, workspaceId: team.other.id })).toEqual([]);
  });

  it("refuses a member, a taken name and an empty name, writing nothing", async () => {
    const mine = await createAutomation(handle.db, { ...as(team.memberA), input: automationInput() });
    await expect(saveWorkspaceTemplate(handle.db, { ...as(team.memberA), automationId: mine.id, name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    const automation = await createAutomation(handle.db, { ...as(team.admin), input: automationInput() });
    await saveWorkspaceTemplate(handle.db, { ...as(team.admin), automationId: automation.id, name: "Once" });
    await expect(saveWorkspaceTemplate(handle.db, { ...as(team.admin), automationId: automation.id, name: "Once" })).rejects.toMatchObject({ code: "conflict" });
    await expect(saveWorkspaceTemplate(handle.db, { ...as(team.admin), automationId: automation.id, name: "  " })).rejects.toMatchObject({ code: "invalid_input" });
    expect((await listWorkspaceTemplates(handle.db, as(team.admin))).map((t) => t.name)).toEqual(["Once"]);
  });

  it("only admins delete them", async () => {
    const automation = await createAutomation(handle.db, { ...as(team.admin), input: automationInput() });
    const { id } = await saveWorkspaceTemplate(handle.db, { ...as(team.admin), automationId: automation.id, name: "Team" });
    await expect(deleteWorkspaceTemplate(handle.db, { ...as(team.memberA), id })).rejects.toMatchObject({ code: "not_found" });
    await deleteWorkspaceTemplate(handle.db, { ...as(team.admin), id });
    expect(await listWorkspaceTemplates(handle.db, as(team.admin))).toEqual([]);
  });

  it("opens a built-in template with its blanks, and refuses an unknown one", async () => {
    expect(await loadTemplateForEditor(handle.db, as(team.memberA), { template: "stage-follow-up" })).toMatchObject({ blanks: [{ path: "trigger.to", label: "Stage" }] });
    expect(await loadTemplateForEditor(handle.db, as(team.memberA), { template: "nope" })).toBe("not_found");
    expect(await loadTemplateForEditor(handle.db, as(team.memberA), { workspaceTemplate: "not-a-uuid" })).toBe("not_found");
    expect(await loadTemplateForEditor(handle.db, as(team.memberA), {})).toBeNull();
  });
});
