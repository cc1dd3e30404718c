import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, MEMBER_EMAIL, seed, signIn } from "./fixtures";
import { HistoryPage } from "./pages/history";
import { postSignedEvent } from "./pages/webhooks";

// Issue 22 item 18: a run's actions say who and what in labelled fields, people by their address
// rather than by user id, with the raw output one click away.
test("a run's action outputs read as labelled fields with people named, and the JSON is behind a details toggle", async ({ page, request }) => {
  const dealId = `OUT-${Date.now().toString(36)}`;
  const { webhookUrl, secret } = seed();
  const response = await postSignedEvent(request, webhookUrl, secret, {
    type: "deal.updated",
    occurred_at: new Date().toISOString(),
    entity: { type: "deal", id: dealId, data: { title: `Deal ${dealId}`, stage: "negotiation", amount: 1000, currency: "EUR", status: "open", owner_id: "crm-member" } },
    previous: { stage: "proposal" },
  });
  const [run] = response.body.runs as { runId: string; automationName: string; status: string }[];
  expect(run.status).toBe("succeeded");

  await signIn(page, ADMIN_EMAIL);
  // Item 16: the row itself opens the run; its link has a name of its own.
  const history = new HistoryPage(page);
  await history.gotoLogs(`entity=${dealId}`);
  const row = history.runRows.first();
  await expectNoSeriousA11yViolations(page);
  await expect(row.getByRole("link", { name: /^Details: succeeded run of Follow up when a deal reaches Negotiation on OUT-/ })).toBeVisible();
  // A click on the row's text (not on a link): where a person would click.
  const title = await row.getByText(`Deal ${dealId}`).boundingBox();
  await page.mouse.click(title!.x + title!.width / 2, title!.y + title!.height / 2);
  await expect(page).toHaveURL(new RegExp(`/settings/logs/${run.runId}$`));
  const actions = history.panel("Actions");
  const followUp = actions.getByRole("listitem", { name: "Action 1" });
  const fields = followUp.getByRole("definition");
  await expect(followUp.getByRole("term")).toHaveText(["Assignee", "Subject", "Due"]);
  await expect(fields.nth(0)).toHaveText(MEMBER_EMAIL);
  await expect(fields.nth(1)).toHaveText(`Follow up on Deal ${dealId}`);
  await expect(fields.nth(2)).toHaveText(/UTC$/);
  const notify = actions.getByRole("listitem", { name: "Action 2" });
  await expect(notify.getByRole("term")).toHaveText(["Recipient"]);
  await expect(notify.getByRole("definition")).toHaveText(MEMBER_EMAIL);

  // No user id on screen until the details are opened.
  const json = followUp.locator("pre");
  await expect(json).toBeHidden();
  await followUp.getByText("Details (JSON)").click();
  await expect(json).toBeVisible();
  await expect(json).toContainText('"assigneeId"');
  await expectNoSeriousA11yViolations(page);
});
