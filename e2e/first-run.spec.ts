import { expect, test } from "@playwright/test";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";
import { HistoryPage } from "./pages/history";
import { InvitationsPage } from "./pages/invitations";
import { MembersPage } from "./pages/members";
import { WebhooksPage } from "./pages/webhooks";

// The first five minutes in a workspace of one's own (a fresh sign-up, so no history): the empty
// logs page says what is missing for a first run, and once it is there offers "Send test event",
// whose run then shows on the page without a terminal.

test.describe("the first run", () => {
  test("an admin of a new workspace sends a test event from the empty logs page and sees its run", async ({ page }) => {
    await new AuthPages(page).signUp(uniqueEmail("first-run"), NEW_USER_PASSWORD);
    const history = new HistoryPage(page);
    const empty = history.noRunsYet;

    // Nothing to send through yet: the page says so and links to the step.
    await history.gotoLogs();
    await expect(empty).toContainText("A run is recorded each time an event from your CRM triggers an automation.");
    await empty.getByRole("link", { name: "add (or enable) a webhook source" }).click();
    const webhooks = new WebhooksPage(page);
    await expect(page.getByRole("heading", { name: "Webhook sources", level: 1 })).toBeVisible();
    await webhooks.createSource("My CRM");

    // A source, but no automation for the event to run.
    await history.gotoLogs();
    await expect(empty.getByRole("button", { name: "Send test event" })).toHaveCount(0);
    await empty.getByRole("link", { name: "create one" }).click();
    const automations = new AutomationsPage(page);
    await expect(page.getByRole("heading", { name: "New automation", level: 1 })).toBeVisible();
    await automations.form.getByLabel("Name", { exact: true }).fill("Negotiation alert");
    await automations.chooseTrigger("Deal", "Deal stage changed");
    await automations.form.getByLabel("Moves to stage").selectOption({ label: "Negotiation" });
    await automations.action(1).getByLabel("Action 1 type").selectOption({ label: "Notify user" });
    await automations.action(1).getByLabel("Message").fill("{{deal.title}} moved to Negotiation");
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);

    await history.gotoLogs();
    await expect(empty).toContainText("through the webhook source “My CRM”");
    await empty.getByRole("button", { name: "Send test event" }).click();
    await expect(history.runRows).toHaveCount(1);
    await expect(history.runRows.first()).toContainText("Negotiation alert");
    await expect(history.runRows.first()).toContainText("succeeded");
    await expect(empty).toHaveCount(0);

    // The automation's own run list shows the same run.
    await history.runRows.first().getByRole("link", { name: "Negotiation alert", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Runs of Negotiation alert", level: 1 })).toBeVisible();
    await expect(history.runRows).toHaveCount(1);
  });

  test("a member's empty logs page says runs come with events and that an admin can send a test event", async ({ page, browser }) => {
    const colleague = uniqueEmail("first-run-member");
    const other = await browser.newContext();
    const colleaguePage = await other.newPage();
    await new AuthPages(colleaguePage).signUp(colleague, NEW_USER_PASSWORD);

    const workspace = `First run ${Date.now().toString(36)}`;
    await new AuthPages(page).signUp(uniqueEmail("first-run-owner"), NEW_USER_PASSWORD, workspace);
    await new WebhooksPage(page).goto();
    await new WebhooksPage(page).createSource("Team CRM");
    const members = new MembersPage(page);
    await members.goto();
    await members.invite(colleague, "Member");
    await expect(members.invitationRow(colleague)).toBeVisible();

    // The colleague accepts the invitation, which takes them into the workspace.
    const invitations = new InvitationsPage(colleaguePage);
    await invitations.goto();
    await invitations.accept(workspace);
    await expect(colleaguePage).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
    // A member there: the admins' Members link is gone.
    await expect(colleaguePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" })).toHaveCount(0);
    const history = new HistoryPage(colleaguePage);
    await history.gotoLogs();
    await expect(history.noRunsYet).toContainText("Runs of your automations appear here as events arrive from your CRM.");
    await expect(history.noRunsYet).toContainText("An admin of this workspace can send a test event to see one now.");
    await expect(colleaguePage.getByRole("button", { name: "Send test event" })).toHaveCount(0);
    await other.close();
  });
});
