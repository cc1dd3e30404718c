import { expect, test } from "@playwright/test";
import { uniqueName } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";
import { HistoryPage } from "./pages/history";

// Issue 22 item 10, in a workspace of its own (a fresh sign-up), so the demo keeps its format: a German
// workspace renders the amount in a follow-up's subject as 55.000, and a follow-up can be due at a
// time of day after business days, which the rule's words say.
test("rendered text writes amounts in the workspace's format; a due date can be at HH:MM after business days", async ({ page }) => {
  await new AuthPages(page).signUp(uniqueEmail("format"), NEW_USER_PASSWORD, `Format team ${Date.now().toString(36)}`);
  await page.goto("/settings/workspace");
  const numberFormat = page.getByRole("form", { name: "Number format" });
  await numberFormat.getByLabel("Number format").selectOption({ label: "German (1.250,5)" });
  await numberFormat.getByRole("button", { name: "Save" }).click();
  await expect(numberFormat.getByRole("status")).toBeVisible();

  const automations = new AutomationsPage(page);
  await page.goto("/settings/automations/new?template=new-deal-intro-call");
  await automations.form.getByLabel("Name", { exact: true }).fill(uniqueName("Formatted"));
  const action = automations.action(1);
  await action.getByLabel("Subject", { exact: true }).fill("Intro call: {{deal.title}} ({{deal.amount}} EUR)");
  await action.getByLabel("Due in (days)", { exact: true }).fill("2");
  await action.getByLabel("At (optional)", { exact: true }).fill("09:00");
  await action.getByLabel("Count business days only (Monday to Friday)").check();

  const history = new HistoryPage(page);
  await history.testRun.getByRole("radio", { name: "A sample payload" }).check();
  await history.testRun.getByLabel("Sample payload", { exact: true }).fill(
    JSON.stringify({ type: "deal.created", occurred_at: "2026-12-04T10:00:00Z", entity: { type: "deal", id: "D-FMT", data: { title: "Acme", amount: 55000, currency: "EUR", owner_id: "nobody" } } }),
  );
  await history.testRun.getByRole("button", { name: "Test run" }).click();
  await expect(history.testRunResult.getByRole("region", { name: "Actions that would run" })).toContainText(
    "Create a call “Intro call: Acme (55.000 EUR)” for the deal owner (if the deal owner cannot be found: the automation owner), due in 2 business days at 09:00",
  );

  await automations.submit();
  await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
});
