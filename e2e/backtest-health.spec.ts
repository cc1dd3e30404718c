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

  test("an automation with demo runs shows its health chart, with the counts of its run history, and a small chart in the list", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoList();
    // The list's small chart names its numbers.
    const small = page.getByRole("img", { name: new RegExp(`^${CANONICAL}, last 30 days: \\d+ runs?: `) });
    await expect(small).toBeVisible();
    const listTotal = Number(/last 30 days: (\d+) runs?/.exec((await small.getAttribute("aria-label")) ?? "")![1]);

    await automations.open(CANONICAL);
    const health = page.getByRole("region", { name: /^Health, last 30 days/ });
    await expect(health.getByRole("img", { name: "Runs per day over the last 30 days, by outcome" })).toBeVisible();
    await expect(health).toContainText(/\d+ runs? · failure rate \d+ % · median duration ≈ [\d.]+ m?s · (no deliveries|deliveries)/);
    const total = Number(/(\d+) runs?/.exec((await health.textContent()) ?? "")![1]);
    expect(total).toBe(listTotal);
    await health.getByText("Show as a table").click();
    const table = health.getByRole("table", { name: "Runs per day by outcome" });
    const outcomes = (await table.getByRole("columnheader").allTextContents()).slice(1).map((h) => h.trim().toLowerCase());
    const byOutcome = new Map(outcomes.map((o) => [o, 0]));
    for (const row of await table.locator("tbody tr").all()) {
      const cells = await row.locator("td").allTextContents();
      cells.forEach((cell, i) => byOutcome.set(outcomes[i], byOutcome.get(outcomes[i])! + Number(cell)));
    }
    expect([...byOutcome.values()].reduce((a, b) => a + b, 0)).toBe(total);
    // The demo history ran the canonical rule three times: two successes (one after a retry), one failure.
    expect(byOutcome.get("succeeded")).toBeGreaterThanOrEqual(2);
    expect(byOutcome.get("failed")).toBeGreaterThanOrEqual(1);

    // The same numbers as the automation's run history, outcome by outcome.
    const id = page.url().split("/").pop()!;
    for (const [outcome, count] of byOutcome) {
      if (outcome === "missed") continue;
      await page.goto(`/settings/automations/${id}/runs?status=${outcome}`);
      await expect(page.getByRole("heading", { name: `Runs of ${CANONICAL}` })).toBeVisible();
      await expect(page.getByRole("link", { name: new RegExp(`^Details: ${outcome} run of `) })).toHaveCount(count);
    }
  });

  test("the delivery log links an accepted delivery to its event page", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    await page.goto("/settings/webhooks");
    const log = page.getByRole("table", { name: "Inbound deliveries" });
    const row = log.getByRole("row").filter({ hasText: "accepted" }).first();
    const link = row.getByRole("link", { name: /: open the event$/ });
    const messageId = ((await link.getAttribute("aria-label")) ?? "").replace(/: open the event$/, "");
    await link.click();
    await expect(page).toHaveURL(/\/settings\/events\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("main")).toContainText(`webhook-id ${messageId}`);
  });
});
