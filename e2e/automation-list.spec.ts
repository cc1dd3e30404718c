import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";

// Issue 22 item 11: a large list pages, counts, sorts, filters, searches as you type, and changes
// many automations at once after a confirmation. Runs in a fresh workspace of its own.

async function createQuickly(automations: AutomationsPage, name: string, trigger: string): Promise<void> {
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.chooseTrigger("Deal", trigger);
  await automations.action(1).getByLabel("Subject").fill("Call");
  await automations.submit();
  await expect(automations.page).toHaveURL(/created=/);
}

function dataRows(page: Page) {
  return page.getByRole("row").filter({ has: page.getByRole("checkbox") });
}

test("26 automations: count, pages, sort, debounced search, filters and bulk changes with confirmation", async ({ page }) => {
  test.setTimeout(180_000);
  const auth = new AuthPages(page);
  await auth.gotoSignUp();
  const email = uniqueEmail("list");
  await auth.submitSignUp(email, NEW_USER_PASSWORD);
  const automations = new AutomationsPage(page);
  for (let index = 1; index <= 26; index += 1) {
    await createQuickly(automations, `Bulk ${String(index).padStart(2, "0")}`, index > 24 ? "Deal lost" : "Deal won");
  }

  await automations.gotoList();
  await expect(page.getByText("26 automations", { exact: true })).toBeVisible();
  await expect(page.getByText("Showing 1–25 of 26 (page 1 of 2)")).toBeVisible();
  await expect(dataRows(page)).toHaveCount(25);
  await expect(page.getByRole("columnheader", { name: "Last run" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Failures (7 d)" })).toBeVisible();
  await expect(automations.row("Bulk 26")).toContainText("Never");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(dataRows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/page=2/);

  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(dataRows(page).first()).toContainText("Bulk 01");

  // Search applies as you type.
  await page.getByLabel("Search by name").pressSequentially("Bulk 2");
  await expect(page).toHaveURL(/q=Bulk\+2/);
  await expect(page.getByText("7 automations match", { exact: true })).toBeVisible();

  await page.getByLabel("Trigger", { exact: true }).selectOption({ label: "Deal lost" });
  await expect(page.getByText("2 automations match", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Owner")).toBeVisible();
  await page.getByLabel("Owner").selectOption("mine");
  await expect(page.getByText("2 automations match", { exact: true })).toBeVisible();

  // Bulk: deactivate the two, after a confirmation that names them.
  await page.getByRole("checkbox", { name: "Select Bulk 25" }).check();
  await page.getByRole("checkbox", { name: "Select Bulk 26" }).check();
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate 2 automations?" });
  await expect(dialog).toContainText("Bulk 25");
  await expect(dialog).toContainText("Bulk 26");
  await dialog.getByRole("button", { name: "Deactivate all 2" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "2 automations deactivated." })).toBeVisible();
  await expect(automations.listSwitch("Bulk 25")).toHaveAttribute("aria-checked", "false");
  await page.getByLabel("Status").selectOption("off");
  await expect(page.getByText("2 automations match", { exact: true })).toBeVisible();

  // Nothing selected: said, not done.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Select at least one automation first.");

  // Delete, changing our mind once.
  await page.getByRole("checkbox", { name: "Select Bulk 25" }).check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete 1 automation?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(automations.row("Bulk 25")).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete it" }).click();
  await expect(page.getByText("1 automation matches", { exact: true })).toBeVisible();
  await expect(automations.row("Bulk 25")).toHaveCount(0);

  // Item 13: the logs' automation filter is typed into, each suggestion with its owner.
  await page.goto("/settings/logs");
  const pick = page.getByLabel("Automation", { exact: true });
  await expect(page.locator("#filter-automation-options option")).toHaveCount(25);
  await expect(page.locator("#filter-automation-options option").first()).toHaveAttribute("value", / · list-/);
  await pick.fill(`Bulk 01 · ${email}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/automation=[0-9a-f-]{36}/);
  await expect(pick).toHaveValue(`Bulk 01 · ${email}`);
  await expectNoSeriousA11yViolations(page);
});
