import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, signIn } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";
import { HistoryPage } from "./pages/history";
import { WebhooksPage } from "./pages/webhooks";

// "Send test event" runs the real automations, marked as a test: the run shows "test" in the logs
// and on its page, in-app effects are kept, and an email action says it was not sent. Recipients
// are named after what the trigger's events are about. A fresh workspace, so the demo's counts hold.

test.describe("test events and recipients", () => {
  test("a test event's run is marked test, and its email is not sent", async ({ page }) => {
    await new AuthPages(page).signUp(uniqueEmail("test-event"), NEW_USER_PASSWORD);
    const webhooks = new WebhooksPage(page);
    await webhooks.goto();
    await webhooks.createSource("My CRM");

    const automations = new AutomationsPage(page);
    await automations.gotoNew();
    await automations.form.getByLabel("Name", { exact: true }).fill("Negotiation email");
    await automations.chooseTrigger("Deal", "Deal stage changed");
    await automations.form.getByLabel("Moves to stage").selectOption({ label: "Negotiation" });
    await automations.action(1).getByLabel("Action 1 type").selectOption({ label: "Notify user" });
    await automations.action(1).getByLabel("Message").fill("{{deal.title}} moved to Negotiation");
    const email = await automations.addAction("Send email");
    await email.getByLabel("To", { exact: true }).selectOption({ label: "Deal owner" });
    await email.getByLabel("Subject").fill("About {{deal.title}}");
    await email.getByLabel("Message").fill("It moved.");
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);

    const history = new HistoryPage(page);
    await history.gotoLogs();
    await history.noRunsYet.getByRole("button", { name: "Send test event" }).click();
    await expect(history.runRows).toHaveCount(1);
    const row = history.runRows.first();
    await expect(row).toContainText("succeeded");
    await expect(row.getByText("test", { exact: true })).toBeVisible();

    await history.openRun(row);
    const main = page.getByRole("main");
    await expect(main.getByText("test", { exact: true })).toBeVisible();
    await expect(main.getByText(/emails and outbound webhooks were not sent/)).toBeVisible();
    const actions = main.getByRole("region", { name: "Actions" });
    await expect(actions.getByRole("listitem", { name: "Action 1" })).toContainText("succeeded");
    await expect(actions.getByRole("listitem", { name: "Action 1" })).toContainText("Sent you the notification");
    await expect(actions.getByRole("listitem", { name: "Action 2" })).toContainText("skipped");
    await expect(actions.getByRole("listitem", { name: "Action 2" })).toContainText("Not sent: test event");
  });

  test("the owner recipient is named after the trigger's entity", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    await automations.gotoNew();
    const action = automations.action(1);
    await action.getByLabel("Action 1 type").selectOption({ label: "Notify user" });
    await action.getByLabel("Message").fill("Look");

    await automations.chooseTrigger("Contact", "Contact created");
    await action.getByLabel("Who to notify").selectOption({ label: "The contact's owner" });
    await expect(action).toContainText("In words: Notify the contact's owner (if the contact's owner cannot be found: the automation owner): “Look”");

    await automations.chooseTrigger("Activity", "Activity completed");
    await expect(action.getByLabel("Who to notify").locator("option:checked")).toHaveText("The activity's owner");
    await expect(action).toContainText("In words: Notify the activity's owner (if the activity's owner cannot be found: the automation owner): “Look”");

    await automations.chooseTrigger("Deal", "Deal created");
    await expect(action.getByLabel("Who to notify").locator("option:checked")).toHaveText("Deal owner");
    await expect(action).toContainText("In words: Notify the deal owner (if the deal owner cannot be found: the automation owner): “Look”");
  });
});
