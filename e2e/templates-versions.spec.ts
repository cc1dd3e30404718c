import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, signIn, uniqueName } from "./fixtures";
import { AuthPages, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";

test.describe("templates, versions, export and import", () => {
  test("a template opens the editor pre-filled with what is left to choose highlighted; saved, it is in the list", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto("/settings/automations");
    await page.getByRole("link", { name: "Templates", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Follow up", level: 2 })).toBeVisible();
    await page.getByRole("link", { name: "Use template Follow up when a deal reaches a stage" }).click();

    await expect(page.getByRole("heading", { name: "New automation from “Follow up when a deal reaches a stage”", level: 1 })).toBeVisible();
    await expect(page.getByText("Still to choose: Stage.")).toBeVisible();
    const automations = new AutomationsPage(page);
    const stage = automations.form.getByLabel("Moves to stage", { exact: true });
    await expect(stage).toHaveAttribute("aria-invalid", "true");
    await expect(automations.form.getByText("Choose the stage for this template")).toBeVisible();

    const name = uniqueName("From template");
    await automations.form.getByLabel("Name", { exact: true }).fill(name);
    await stage.selectOption({ label: "Proposal" });
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
    await expect(automations.row(name)).toContainText("When a deal moves to Proposal");
  });

  test("editing twice writes two versions with what changed; restoring the first writes a third", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await page.goto("/settings/automations/new?template=new-deal-intro-call");
    const name = uniqueName("Versioned");
    await automations.form.getByLabel("Name", { exact: true }).fill(name);
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
    await automations.open(name);

    const subject = automations.action(1).getByLabel("Subject", { exact: true });
    await subject.fill("Second subject");
    await automations.submit();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved. This is version 2." })).toBeVisible();
    await subject.fill("Third subject");
    await automations.submit();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved. This is version 3." })).toBeVisible();
    await automations.submit();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Nothing changed, so this is still version 3." })).toBeVisible();

    const versions = page.getByRole("region", { name: "Versions" });
    await expect(versions.getByRole("listitem")).toHaveCount(3);
    await expect(versions.getByRole("listitem").first()).toContainText("action 1: Create a call “Second subject” for the deal owner (if the deal owner cannot be found: the automation owner), due in 1 day → Create a call “Third subject”");
    await versions.getByRole("link", { name: "Version 1", exact: true }).click();
    await expect(page.getByRole("heading", { name: `Version 1 of ${name}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Differences" })).toContainText("Third subject");
    await page.getByRole("button", { name: "Restore version 1" }).click();
    await page.getByRole("dialog", { name: "Restore version 1?" }).getByRole("button", { name: "Restore" }).click();

    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await automations.expectVersion(4);
    await expect(automations.action(1).getByLabel("Subject", { exact: true })).toHaveValue("Intro call: {{deal.title}}");
    await expect(page.getByRole("region", { name: "Versions" }).getByRole("listitem").first()).toContainText("Restored version 1");
  });

  test("exporting automations and importing the file into a second workspace creates them switched off", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto("/settings/automations/transfer");
    const canonical = "Follow up when a deal reaches Negotiation";
    await page.getByRole("checkbox", { name: canonical }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export selected" }).click()]);
    const file = await download.path();
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ format: "crm-automations", version: 1, automations: [{ name: canonical }] });

    const auth = new AuthPages(page);
    await auth.signOut();
    await auth.signUp(uniqueEmail("importer"), "importer-password-1", "Imported team");
    await page.goto("/settings/automations/transfer");
    await page.getByLabel("Export file (.json, at most 1 MB)").setInputFiles(file);
    await page.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview).toContainText(`${canonical} will be created`);
    await page.getByRole("button", { name: "Import 1 automation" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Imported 1 automation, switched off");

    const automations = new AutomationsPage(page);
    await automations.gotoList();
    await expect(automations.listSwitch(canonical)).not.toBeChecked();

    // A bad paste is refused with its reason, and nothing changes.
    await page.goto("/settings/automations/transfer");
    await page.getByLabel("Or paste the export").fill('{"format": "crm-automations", "version": 9, "automations": []}');
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("This export is version 9; this app reads version 1.");
  });
});
