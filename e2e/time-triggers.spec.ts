import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, E2E_CRON_SECRET, seed, signIn, uniqueName } from "./fixtures";
import { AutomationsPage } from "./pages/automations";
import { HistoryPage } from "./pages/history";
import { postSignedEvent } from "./pages/webhooks";

// "Deal inactive for 7 days" against the production build with the real clock: a deal whose last
// activity the CRM reports as 8 days ago is already past the mark, so only an automation with
// "also act on those" (catchUp) follows it up when /api/cron/tick runs a sweep.

const DAY_MS = 86_400_000;

async function createInactiveAutomation(page: Page, name: string, catchUp: boolean) {
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.chooseTrigger("Deal", "Deal inactive");
  await expect(automations.form.getByLabel("Days without activity")).toHaveValue("7");
  await expect(automations.form.getByText(/already past the mark/)).toBeVisible();
  if (catchUp) await automations.form.getByLabel("Also act on those", { exact: false }).check();
  await expect(automations.form.getByText(`When a deal has had no activity for 7 days${catchUp ? " (also deals already inactive when switched on)" : ""}`)).toBeVisible();
  await automations.action(1).getByLabel("Subject").fill("Revive {{deal.title}}");
  await automations.submit();
  await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
  await automations.open(name);
  await expect(automations.summary).toContainText("When a deal has had no activity for 7 days");
  await expect(automations.summary.getByText("Next check", { exact: true })).toBeVisible();
  await expect(automations.summary).toContainText(/\d{2}:\d{2} \(UTC\)/);
}

async function postStaleDeal(request: APIRequestContext, dealId: string, title: string) {
  const { webhookUrl, secret } = seed();
  const response = await postSignedEvent(request, webhookUrl, secret, {
    type: "deal.updated",
    occurred_at: new Date(Date.now() - 8 * DAY_MS).toISOString(),
    entity: { type: "deal", id: dealId, data: { title, stage: "proposal", amount: 5000, currency: "EUR", status: "open", owner_id: "crm-admin" } },
    previous: { amount: 4000 },
  });
  expect(response.status).toBe(200);
}

async function tick(request: APIRequestContext): Promise<{ due: number; runs: number }> {
  expect((await request.post("/api/cron/tick")).status()).toBe(401);
  const response = await request.post("/api/cron/tick", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { due: number; runs: number };
}

async function cleanUp(page: Page, name: string) {
  const automations = new AutomationsPage(page);
  await automations.gotoList();
  if (await automations.row(name).isVisible()) await automations.delete(name, "list");
}

test.describe("time-based automations", () => {
  test("without “also act on those”, a deal already inactive when it was switched on gets nothing", async ({ page, request }) => {
    const name = uniqueName("Stale deals, new only");
    const title = uniqueName("Quiet deal");
    const dealId = uniqueName("D-quiet").replace(/\s/g, "-");
    await signIn(page, ADMIN_EMAIL);
    try {
      await createInactiveAutomation(page, name, false);
      await postStaleDeal(request, dealId, title);
      await tick(request);

      await page.goto("/activities");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("listitem", { name: `Revive ${title}` })).toHaveCount(0);
      const history = new HistoryPage(page);
      await history.gotoLogs(`entity=${encodeURIComponent(dealId)}`);
      await expect(history.runRows).toHaveCount(0);
    } finally {
      await cleanUp(page, name);
    }
  });

  test("with “also act on those”, the sweep follows up a deal inactive for 8 days, and the run is in the logs", async ({ page, request }) => {
    const name = uniqueName("Stale deals");
    const title = uniqueName("Idle deal");
    const dealId = uniqueName("D-idle").replace(/\s/g, "-");
    await signIn(page, ADMIN_EMAIL);
    try {
      await createInactiveAutomation(page, name, true);
      await postStaleDeal(request, dealId, title);
      const { runs } = await tick(request);
      expect(runs).toBeGreaterThanOrEqual(1);
      // A second tick finds the deal already followed up for this period.
      await tick(request);

      await page.goto("/activities");
      await expect(page.getByRole("listitem", { name: `Revive ${title}` })).toHaveCount(1);
      const history = new HistoryPage(page);
      await history.gotoLogs(`entity=${encodeURIComponent(dealId)}`);
      await expect(history.runRows).toHaveCount(1);
      await expect(history.runRows.first()).toContainText(name);
      await history.openRun(history.runRows.first());
      await expect(history.panel("Why it ran, or not")).toContainText("no activity for 7 days");
    } finally {
      await cleanUp(page, name);
    }
  });
});
