import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, signIn, uniqueName } from "./fixtures";
import { AutomationsPage } from "./pages/automations";
import { FieldsPage } from "./pages/fields";

// Issue 26 §3: an admin adds a pipeline with its own stages (numeric ids, as Pipedrive sends them)
// and a custom field, uses both in an automation, reads it back in words, and removes it all again
// (the specs share the demo workspace, whose built-in stages must come back).

test("a pipeline's stages and a custom field, used in an automation's trigger and condition", async ({ page }) => {
  const suffix = uniqueName("").trim();
  const pipelineName = `E2E pipeline ${suffix}`;
  const fieldLabel = `Tier ${suffix}`;
  const fieldKey = `tier_${suffix.replace(/[^a-z0-9]/gi, "_")}`;
  const automationName = uniqueName("Gold contracts");
  await signIn(page, ADMIN_EMAIL);
  const fields = new FieldsPage(page);
  const automations = new AutomationsPage(page);

  await fields.gotoFromNavigation();
  await fields.createPipeline(pipelineName, [["901", "Lead in"], ["903", `Proposal ${suffix}`]]);

  // A bad paste changes nothing and says why; a good one replaces the stage list.
  const importForm = await fields.openImport(pipelineName);
  await importForm.getByLabel("Stages as JSON").fill('[{"id": 901, "label": "Lead in"}, {"label": "no id"}]');
  await importForm.getByRole("button", { name: "Import stages" }).click();
  await expect(importForm.getByText('Stage 2 has no id: give "id" as your CRM sends it (text or a number)')).toBeVisible();
  await expect(fields.pipeline(pipelineName).getByLabel("Stage 2 label")).toHaveValue(`Proposal ${suffix}`);
  await importForm.getByLabel("Stages as JSON").fill(JSON.stringify({ data: [
    { id: 905, name: `Contract sent ${suffix}`, order_nr: 3, pipeline_id: 1 },
    { id: 901, name: "Lead in", order_nr: 1, pipeline_id: 1 },
    { id: 903, name: `Proposal ${suffix}`, order_nr: 2, pipeline_id: 1 },
  ] }));
  await importForm.getByRole("button", { name: "Import stages" }).click();
  await expect(importForm.getByRole("status")).toHaveText("Imported 3 stages.");
  await expect(fields.pipeline(pipelineName).getByLabel("Stage 3 id")).toHaveValue("905");

  await fields.addChoiceField("Deal", fieldLabel, fieldKey, "gold: Gold\nsilver: Silver");
  await expectNoSeriousA11yViolations(page);

  // The editor offers the pipeline's stages and the custom field like built-in ones.
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(automationName);
  await automations.chooseTrigger("Deal", "Deal stage changed");
  await automations.form.getByLabel("Moves to stage").selectOption({ label: `Contract sent ${suffix}` });
  await expect(automations.form.getByText(`When a deal moves to Contract sent ${suffix}`, { exact: true })).toBeVisible();
  await automations.addCondition();
  await automations.setCondition("1", fieldLabel, "Is", "Gold");
  await expect(automations.form.getByText(`If ${fieldLabel} is Gold`, { exact: true })).toBeVisible();
  await automations.action(1).getByLabel("Subject").fill("Call about {{deal.title}}");
  await automations.submit();
  await expect(page).toHaveURL(/\/settings\/automations\?created=/);
  await expect(automations.row(automationName)).toContainText(`When a deal moves to Contract sent ${suffix}`);
  await expect(automations.row(automationName)).toContainText(`${fieldLabel} is Gold`);
  await automations.open(automationName);
  await expect(automations.summary).toContainText(`When a deal moves to Contract sent ${suffix}`);
  await expect(automations.summary).toContainText(`${fieldLabel} is Gold`);

  // A field an automation uses cannot be removed from under it.
  await fields.goto();
  await fields.deleteCustomField(fieldLabel);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(`“${fieldLabel}” is used by the automation “${automationName}”: change it first.`);

  // Clean up: the automation, then the field and the pipeline; the built-in stages are back.
  await automations.gotoList();
  await automations.delete(automationName, "list");
  await fields.goto();
  await fields.deleteCustomField(fieldLabel);
  await expect(fields.customFieldRow(fieldLabel)).toHaveCount(0);
  await fields.deletePipeline(pipelineName);
  await automations.gotoNew();
  await automations.chooseTrigger("Deal", "Deal stage changed");
  await expect(automations.form.getByLabel("Moves to stage").getByRole("option", { name: "Negotiation" })).toHaveCount(1);
});
