import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, signIn, uniqueName } from "./fixtures";
import { AutomationsPage } from "./pages/automations";

// Issue 22, the editor's rough edges: items 2 (operator shows what is saved), 6 (groups default to
// "all", the rule in words live), 8 (error summary), 5 (unsaved changes), 22 (creation
// confirmed) and 12 (duplicate asks for the name).

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN_EMAIL);
});

test("the operator control shows the operator that is set, after every field change", async ({ page }) => {
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  await automations.chooseTrigger("Deal", "Deal won");
  await automations.addCondition();
  const row = automations.condition("1");
  const operator = row.getByLabel("Operator", { exact: true });
  for (const [field, value, label] of [
    ["Currency", "equals", "Is"],
    ["Amount", "equals", "Is"],
    ["Source", "equals", "Is"],
    ["Currency", "equals", "Is"],
  ] as const) {
    await row.getByLabel("Field", { exact: true }).selectOption({ label: field });
    await expect(operator).toHaveValue(value);
    await expect(operator.locator("option:checked")).toHaveText(label);
  }
  await row.getByLabel("Value", { exact: true }).selectOption({ label: "EUR" });
  await expect(automations.form.getByText("If Currency is EUR", { exact: true })).toBeVisible();
});

test("groups start as 'all', the rule reads back in words as it is built, and creation is confirmed", async ({ page }) => {
  const automations = new AutomationsPage(page);
  const name = uniqueName("Big EUR deals");
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.chooseTrigger("Deal", "Deal won");
  await automations.action(1).getByLabel("Subject").fill("Call about {{deal.title}}");

  // (amount > 50,000 and currency EUR) or amount > 60,000
  await automations.addGroup();
  await expect(automations.group("1").getByLabel("Group 1: match")).toHaveValue("all");
  await automations.setCondition("1.1", "Amount", "Is greater than", "50,000");
  await automations.addCondition("1");
  await automations.setCondition("1.2", "Currency", "Is", "EUR");
  await automations.addCondition();
  await automations.setCondition("2", "Amount", "Is greater than", "60,000");
  await automations.conditionsRoot().getByLabel("Match", { exact: true }).selectOption("any");
  const sentence = "If (Amount is greater than 50,000 and Currency is EUR) or Amount is greater than 60,000";
  await expect(automations.form.getByText(sentence, { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await automations.submit();
  await expect(page).toHaveURL(/\/settings\/automations\?created=[0-9a-f-]{36}$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(`Created “${name}”. It is active and runs on the next matching event.`);
  await expect(automations.row(name)).toHaveAttribute("aria-current", "true");
  await expect(automations.row(name)).toContainText("(Amount is greater than 50,000 and Currency is EUR) or Amount is greater than 60,000");
  await expectNoSeriousA11yViolations(page);

  // Duplicate asks for the name, suggesting "… (copy)".
  await automations.open(name);
  await page.getByRole("button", { name: "Duplicate", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Duplicate “${name}”` });
  await expect(dialog.getByLabel("Name of the copy")).toHaveValue(`${name} (copy)`);
  await expect(dialog.getByLabel("Name of the copy")).toBeFocused();
  await dialog.getByLabel("Name of the copy").fill("   ");
  await dialog.getByRole("button", { name: "Duplicate", exact: true }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  const copy = `${name} for GBP`;
  await dialog.getByLabel("Name of the copy").fill(copy);
  await dialog.getByRole("button", { name: "Duplicate", exact: true }).click();
  await expect(page.getByRole("heading", { name: copy, level: 1 })).toBeVisible();
  await automations.delete(copy, "detail");
  await automations.delete(name, "list");
});

test("a refused save lists every problem in the save bar, each a link to its control", async ({ page }) => {
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  await automations.chooseTrigger("Deal", "Deal won");
  await automations.addGroup();
  await automations.submit();
  const summary = page.getByRole("navigation", { name: "Problems to fix" });
  await expect(summary).toContainText("problems to fix");
  const nameLink = summary.getByRole("link", { name: "Name: Name is required" });
  const fieldLink = summary.getByRole("link", { name: /^Condition 1\.1: Field: / });
  const subjectLink = summary.getByRole("link", { name: /^Action 1: Subject: / });
  await expect(nameLink).toBeVisible();
  await expect(subjectLink).toBeVisible();
  await fieldLink.click();
  await expect(automations.condition("1.1").getByLabel("Field", { exact: true })).toBeFocused();
  await subjectLink.click();
  await expect(automations.action(1).getByLabel("Subject")).toBeFocused();
  await nameLink.click();
  await expect(automations.form.getByLabel("Name", { exact: true })).toBeFocused();
  await expectNoSeriousA11yViolations(page);

  // Fixing a problem takes it off the list.
  await automations.form.getByLabel("Name", { exact: true }).fill("Fixed name");
  await expect(nameLink).toHaveCount(0);
});

test("unsaved changes are not lost to a link, the back button or closing the tab without a warning", async ({ page }) => {
  const automations = new AutomationsPage(page);
  await automations.gotoList();
  await automations.gotoNew();
  const name = automations.form.getByLabel("Name", { exact: true });
  await name.fill("Half-filled");

  const seen: string[] = [];
  let answer = false;
  page.on("dialog", async (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    await (answer ? dialog.accept() : dialog.dismiss());
  });

  // A navigation link: stay.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Logs" }).click();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]).toBe("confirm: You have unsaved changes. Leave this page and discard them?");
  await expect(page).toHaveURL(/\/settings\/automations\/new$/);
  await expect(name).toHaveValue("Half-filled");

  // Back: stay.
  await page.evaluate(() => window.history.back());
  await expect.poll(() => seen.length).toBe(2);
  await expect(page).toHaveURL(/\/settings\/automations\/new$/);
  await expect(name).toHaveValue("Half-filled");

  // Closing the tab asks too (the browser's own prompt).
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => seen.length).toBe(3);
  expect(seen[2]).toMatch(/^beforeunload/);
  expect(page.isClosed()).toBe(false);

  // A link again: leave.
  answer = true;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\/settings\/logs/);
});

test("a clean form leaves without a question", async ({ page }) => {
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  let asked = false;
  page.on("dialog", async (dialog) => {
    asked = true;
    await dialog.dismiss();
  });
  await automations.form.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/settings\/automations$/);
  expect(asked).toBe(false);
});

test("the first Tab reaches a skip link that jumps past the header (item 21)", async ({ page }) => {
  await page.goto("/settings/automations");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("keyboard: a new action's type takes focus, and changing it with the arrows keeps focus (item 9)", async ({ page }) => {
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  await automations.form.getByRole("button", { name: "+ Add action" }).click();
  const type = automations.action(2).getByLabel("Action 2 type");
  await expect(type).toBeFocused();
  await expect(type).toHaveValue("create_activity");
  await page.keyboard.press("ArrowDown");
  await expect(type).not.toHaveValue("create_activity");
  await expect(type).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(type).toBeFocused();
});
