import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, MEMBER_EMAIL, seed, signIn } from "./fixtures";
import { AutomationsPage } from "./pages/automations";
import { HistoryPage } from "./pages/history";
import { postSignedEvent } from "./pages/webhooks";

// Runs made through the real webhook route in the demo workspace, on deals whose ids no other spec
// uses: each deal moves to Negotiation (the canonical automation runs) and is then won for 1,000,
// which "Large deal won: tell the team" (amount over 50,000) skips.

const WON_AUTOMATION = "Large deal won: tell the team";

type Request = Parameters<typeof postSignedEvent>[0];

const dealData = (dealId: string) => ({ title: `Deal ${dealId}`, stage: "negotiation", amount: 1000, currency: "EUR", status: "open", owner_id: "crm-member" });

async function moveToNegotiation(request: Request, dealId: string) {
  const { webhookUrl, secret } = seed();
  const moved = await postSignedEvent(request, webhookUrl, secret, {
    type: "deal.updated",
    occurred_at: new Date().toISOString(),
    entity: { type: "deal", id: dealId, data: dealData(dealId) },
    previous: { stage: "proposal" },
  });
  expect(moved.status).toBe(200);
}

async function dealHistory(request: Request, dealId: string) {
  const { webhookUrl, secret } = seed();
  const data = dealData(dealId);
  await moveToNegotiation(request, dealId);
  const won = await postSignedEvent(request, webhookUrl, secret, {
    type: "deal.updated",
    occurred_at: new Date().toISOString(),
    entity: { type: "deal", id: dealId, data: { ...data, status: "won" } },
    previous: { status: "open" },
  });
  expect(won.body.runs).toEqual([expect.objectContaining({ automationName: WON_AUTOMATION, status: "skipped" })]);
}

const uniqueDeal = () => `HIST-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("execution history", () => {
  test("filters by status and entity id, and the URL shows a fresh page the same runs", async ({ page, browser, request }) => {
    const dealId = uniqueDeal();
    await dealHistory(request, dealId);
    await signIn(page, ADMIN_EMAIL);
    const history = new HistoryPage(page);
    await history.gotoLogs();

    await history.filter({ entityId: dealId });
    await expect(page).toHaveURL(new RegExp(`/settings/logs\\?entity=${dealId}$`));
    await expect(history.runRows).toHaveCount(2);
    // The newest page is live: a run recorded now shows up without a reload.
    await moveToNegotiation(request, dealId);
    await expect(history.runRows).toHaveCount(3);

    await history.filter({ status: "skipped" });
    await expect(page).toHaveURL(new RegExp(`/settings/logs\\?status=skipped&entity=${dealId}$`));
    await expect(history.runRows).toHaveCount(1);
    await expect(history.runRows.first()).toContainText(WON_AUTOMATION);
    await expect(history.runRows.first()).toContainText("skipped");
    const shared = page.url();
    const links = await history.runLinks();

    // Someone else opens the link: same filters in the form, same runs.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await signIn(fresh, ADMIN_EMAIL, undefined, new URL(shared).pathname + new URL(shared).search);
    const other = new HistoryPage(fresh);
    await expect(fresh).toHaveURL(shared);
    await expect(other.filters.getByLabel("Status")).toHaveValue("skipped");
    await expect(other.filters.getByLabel("Entity id")).toHaveValue(dealId);
    await expect(other.runRows).toHaveCount(1);
    expect(await other.runLinks()).toEqual(links);
    await context.close();
  });

  test("a skipped run says which condition was false and why, and only its readers can open it", async ({ page, browser, request }) => {
    const dealId = uniqueDeal();
    await dealHistory(request, dealId);
    await signIn(page, ADMIN_EMAIL);
    const history = new HistoryPage(page);
    await history.gotoLogs(`status=skipped&entity=${dealId}`);
    await history.openRun(history.runRows.first());

    const why = history.panel("Why it ran, or not");
    await expect(why).toContainText("Matched: status changed from open to won");
    await expect(why).toContainText("Not met: Amount is greater than 50,000 was false (actual: 1,000).");
    const amount = history.condition(why, "Amount is greater than 50,000: false");
    await expect(amount).toContainText("Is greater than");
    await expect(amount).toContainText("50,000");
    await expect(amount).toContainText("1,000");
    await expect(why.getByRole("group", { name: "All of these must be true: false" })).toBeVisible();
    await expect(history.panel("Actions")).toContainText("No actions ran: the conditions were not met.");
    // The event as received, with what it changed highlighted.
    await expect(history.panel("Event").locator("mark").first()).toContainText('"status": "won"');
    await expect(history.panel("Event")).toContainText('← was "open"');
    await expect(history.panel("Automation version")).toContainText(WON_AUTOMATION);

    // The member does not own this automation: the run is not theirs to read, by list or by URL.
    const runPath = new URL(page.url()).pathname;
    const context = await browser.newContext();
    const member = await context.newPage();
    await signIn(member, MEMBER_EMAIL, undefined, `/settings/logs?entity=${dealId}`);
    await expect(member.getByText("No runs match these filters.")).toBeVisible();
    await member.goto(runPath);
    await expect(member.getByRole("heading", { name: "Run not found" })).toBeVisible();
    await context.close();
  });

  test("test-runs an unsaved edit against a past event, saving and sending nothing", async ({ page, request }) => {
    const dealId = uniqueDeal();
    await dealHistory(request, dealId);
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoList();
    await automations.open(WON_AUTOMATION);
    const version = (await automations.summary.getByText(/^Version \d+$/).textContent())!;

    // The edit: big deals become any deal over 500. Not saved.
    await automations.condition("1").getByLabel("Value").fill("500");
    const history = new HistoryPage(page);
    await history.testRunAgainstEvent(dealId);

    const result = history.testRunResult;
    await expect(result.getByRole("status")).toHaveText("Would run 1 action");
    await expect(result).toContainText("Matched: status changed from open to won");
    await expect(history.condition(result, "Amount is greater than 500: true")).toContainText("1,000");
    await expect(result.getByRole("region", { name: "Actions that would run" })).toContainText(`Notify the automation owner: “Deal ${dealId} was won (1,000 EUR).”`);
    await expect(result).toContainText("Nothing was saved or sent.");

    // The saved automation is unchanged, and the test made no run (leaving discards the edit).
    page.once("dialog", (dialog) => void dialog.accept());
    await page.reload();
    await expect(automations.condition("1").getByLabel("Value")).toHaveValue("50,000");
    await expect(automations.summary.getByText(version, { exact: true })).toBeVisible();
    await history.gotoLogs(`entity=${dealId}`);
    await expect(history.runRows).toHaveCount(2);
  });
});
