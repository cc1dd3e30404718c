import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, MEMBER_EMAIL, signIn, uniqueName } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";

// Works in the demo workspace as its admin. Everything a test creates it deletes again, and its
// trigger (a deal moving from Contract sent to Closed) is one no other spec sends.

async function createNestedAutomation(automations: AutomationsPage, name: string): Promise<void> {
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.form.getByLabel("Description (optional)").fill("Hand the closed deal over to the member");
  await automations.chooseTrigger("Deal", "Deal stage changed");
  await automations.form.getByLabel("Moves to stage").selectOption({ label: "Closed" });
  await automations.form.getByLabel("From stage (optional)").selectOption({ label: "Contract sent" });
  await expect(automations.form.getByText("When a deal moves from Contract sent to Closed")).toBeVisible();

  // Amount > 10,000 and (Currency is EUR or Source contains "web")
  await automations.addCondition();
  await automations.setCondition("1", "Amount", "Is greater than", "10000");
  await automations.addGroup();
  await automations.group("2").getByLabel("Group 2: match").selectOption("any");
  await automations.setCondition("2.1", "Currency", "Is", "EUR");
  await automations.addCondition("2");
  await automations.setCondition("2.2", "Source", "Contains", "web");
  // The operator list follows the field's type: no "Contains" for a number.
  await expect(automations.condition("1").getByLabel("Operator").locator("option", { hasText: "Contains" })).toHaveCount(0);

  const activity = automations.action(1);
  await activity.getByLabel("Subject").fill("Kick-off call for {{deal.title}}");
  await expect(activity.getByText("You can use {{deal.title}}", { exact: false }).first()).toBeVisible();
  await activity.getByLabel("Activity type").selectOption({ label: "Call" });
  await activity.getByLabel("Due in (days)").fill("2");
  await activity.getByLabel("Assignee").selectOption({ label: "A team member" });
  await activity.getByLabel("Member", { exact: true }).selectOption({ label: MEMBER_EMAIL });

  const notify = await automations.addAction("Notify user");
  await notify.getByLabel("Message").fill("{{deal.title}} closed: kick-off call in 2 days");
  // Notify first, then the activity.
  await automations.moveAction(2, "up");
  await expect(automations.action(1).getByLabel("Action 1 type")).toHaveValue("notify_user");
  await expect(automations.action(2).getByLabel("Subject")).toHaveValue("Kick-off call for {{deal.title}}");

  await automations.submit();
  await expect(automations.page).toHaveURL(/\/settings\/automations\?created=[0-9a-f-]{36}$/);
}

test.describe("automations", () => {
  test("an admin creates, edits, switches off and on, duplicates and deletes an automation", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    const name = uniqueName("Closed deal hand-over");
    await createNestedAutomation(automations, name);

    const row = automations.row(name);
    await expect(row).toContainText("When a deal moves from Contract sent to Closed");
    await expect(row).toContainText("Amount is greater than 10,000 and (Currency is EUR or Source contains “web”)");
    await expect(row).toContainText("Notify user, then create activity");
    await expect(row).toContainText(ADMIN_EMAIL);
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "true");

    // Search by name, in the URL.
    await automations.search(name);
    await expect(page.getByRole("row")).toHaveCount(2);
    await automations.search("%");
    await expect(page.getByText("No automations match “%”.")).toBeVisible();

    // Edit: every save is a new version, and the stored values come back into the form.
    await automations.gotoList();
    await automations.open(name);
    await automations.expectVersion(1);
    await expect(automations.action(2).getByLabel("Member", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
    await expect(automations.group("2").getByLabel("Group 2: match")).toHaveValue("any");
    await automations.form.getByLabel("Description (optional)").fill("Edited description");
    await automations.action(1).getByLabel("Message").fill("{{deal.title}} is closed");
    await automations.submit();
    await expect(automations.form.getByRole("status")).toHaveText("Saved. This is version 2.");
    await automations.expectVersion(2);
    await expect(automations.summary.getByText("Notify the deal owner (if the deal owner cannot be found: the automation owner): “{{deal.title}} is closed”")).toBeVisible();
    await page.reload();
    await automations.expectVersion(2);
    await expect(automations.form.getByLabel("Description (optional)")).toHaveValue("Edited description");

    // Off from the detail page, on again from the list; both survive a reload.
    await automations.detailSwitch.click();
    await expect(automations.detailSwitch).toHaveAttribute("aria-checked", "false");
    await page.reload();
    await expect(automations.detailSwitch).toHaveAttribute("aria-checked", "false");
    await automations.gotoList();
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "false");
    await automations.listSwitch(name).click();
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "true");
    await page.reload();
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "true");
    await automations.listSwitch(name).click();
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "false");
    await page.reload();
    await expect(automations.listSwitch(name)).toHaveAttribute("aria-checked", "false");

    // Duplicate: an inactive copy at version 1 that opens for editing.
    await automations.open(name);
    await automations.duplicate();
    const copy = `${name} (copy)`;
    await expect(page.getByRole("heading", { name: copy, level: 1 })).toBeVisible();
    await automations.expectVersion(1);
    await expect(automations.detailSwitch).toHaveAttribute("aria-checked", "false");

    // Delete the copy from its page, the original from the list (after changing our mind once).
    await automations.delete(copy, "detail");
    await expect(automations.row(copy)).toHaveCount(0);
    await expect(automations.row(name)).toHaveCount(1);
    await automations.row(name).getByRole("button", { name: `Delete ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(automations.row(name)).toHaveCount(1);
    await automations.delete(name, "list");
    await expect(automations.row(name)).toHaveCount(0);
  });

  test("invalid input shows each field's own message and saves nothing", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoNew();
    const activity = automations.action(1);
    await activity.getByLabel("Due in (days)").fill("-1");
    const webhook = await automations.addAction("Send webhook");
    await webhook.getByLabel("URL").fill("not a url");
    await automations.addCondition();
    await automations.submit();

    await expect(automations.form.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Name is required");
    await expect(automations.form.getByLabel("Moves to stage")).toHaveAccessibleDescription("Choose a stage");
    await expect(automations.condition("1").getByLabel("Field")).toHaveAccessibleDescription("Choose a field");
    await expect(activity.getByLabel("Subject")).toHaveAccessibleDescription("Subject is required");
    await expect(activity.getByLabel("Due in (days)")).toHaveAccessibleDescription("Due days cannot be negative");
    await expect(webhook.getByLabel("URL")).toHaveAccessibleDescription("Enter a valid URL (http:// or https://)");
    await expect(page).toHaveURL(/\/settings\/automations\/new$/);

    // Fixing a field clears its message as you type.
    await automations.form.getByLabel("Name", { exact: true }).fill("Now named");
    await expect(automations.form.getByText("Name is required")).toHaveCount(0);
    await expect(activity.getByText("Subject is required")).toBeVisible();
  });

  test("a member cannot open an admin's automation by its URL", async ({ page, browser }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoList();
    const seeded = "Large deal won: tell the team";
    const href = await automations.row(seeded).getByRole("link", { name: seeded, exact: true }).getAttribute("href");
    expect(href).toMatch(/^\/settings\/automations\/[0-9a-f-]{36}$/);

    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signIn(member, MEMBER_EMAIL);
    const response = await member.goto(href!);
    expect(response?.status()).toBe(404);
    await expect(member.getByRole("heading", { name: /not found/i })).toBeVisible();
    // …and does not see it in their list either.
    await new AutomationsPage(member).gotoList();
    await expect(new AutomationsPage(member).row(seeded)).toHaveCount(0);
    await memberContext.close();
  });

  test("a new user sees an invitation to create their first automation", async ({ page }) => {
    await new AuthPages(page).signUp(uniqueEmail("fresh"), NEW_USER_PASSWORD);
    await expect(page.getByRole("heading", { name: "No automations yet" })).toBeVisible();
    await page.getByRole("link", { name: "Create your first automation" }).click();
    await expect(page.getByRole("heading", { name: "New automation", level: 1 })).toBeVisible();
  });
});
