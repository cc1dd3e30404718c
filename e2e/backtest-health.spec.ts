import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, signIn } from "./fixtures";
import { AutomationsPage } from "./pages/automations";

const CANONICAL = "Follow up when a deal reaches Negotiation";

test.describe("backtest and health", () => {
  test("the backtest of the canonical rule over the demo history changes when a condition is added", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoList();
    await automations.open(CANONICAL);

    const backtest = page.getByRole("region", { name: "Backtest" });
    await backtest.getByLabel("Backtest window").selectOption({ label: "Last 30 days" });
    await backtest.getByRole("button", { name: "What would this rule have done?" }).click();
    const summary = backtest.getByRole("status");
    await expect(summary).toContainText(/Of \d+ events, \d+ would have triggered it and \d+ would have passed its conditions\./);
    const [, triggered, passed] = /(\d+) would have triggered it and (\d+) would have passed/.exec((await summary.textContent()) ?? "")!;
    expect(Number(triggered)).toBeGreaterThan(0);
    expect(passed).toBe(triggered);
    await expect(summary.getByRole("list", { name: "Actions it would have produced" })).toContainText("create activity");

    await automations.addCondition();
    await automations.setCondition("1", "Amount", "Is greater than", "1000000");
    await backtest.getByRole("button", { name: "What would this rule have done?" }).click();
    await expect(summary).toContainText(`${triggered} would have triggered it and 0 would have passed its conditions.`);
    await expect(summary.getByRole("list", { name: "Conditions that turned events away" })).toContainText(
      `Amount is greater than 1,000,000 rejected ${triggered} of ${triggered}`,
    );
  });

  test("an automation with demo runs shows its health chart and the same numbers as a table", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoList();
    await automations.open(CANONICAL);
    const health = page.getByRole("region", { name: /^Health, last 30 days/ });
    await expect(health.getByRole("img", { name: "Runs per day over the last 30 days, by outcome" })).toBeVisible();
    await expect(health).toContainText(/\d+ runs? · failure rate/);
    await health.getByText("Show as a table").click();
    const table = health.getByRole("table", { name: "Runs per day by outcome" });
    await expect(table.getByRole("row")).not.toHaveCount(1);
    const total = Number(/(\d+) runs?/.exec((await health.textContent()) ?? "")![1]);
    const cells = await table.locator("tbody td").allTextContents();
    expect(cells.reduce((sum, cell) => sum + Number(cell), 0)).toBe(total);
  });
});
