import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_EMAIL, MEMBER_EMAIL, signIn, uniqueName } from "./fixtures";
import { AutomationsPage } from "./pages/automations";
import { bell, postSignedEvent, WebhooksPage } from "./pages/webhooks";

// The core path as people see it: an admin connects a CRM and builds the canonical automation, the
// CRM posts a signed event, and the deal's owner finds the follow-up and the notification.
// The seed's own Negotiation automation is switched off meanwhile (and back on after), so the
// member gets exactly the one notification this test causes.
const SEEDED = "Follow up when a deal reaches Negotiation";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function setSeededActive(automations: AutomationsPage, active: boolean): Promise<void> {
  await automations.gotoList();
  const toggle = automations.listSwitch(SEEDED);
  if ((await toggle.getAttribute("aria-checked")) !== String(active)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(active));
}

test("a signed CRM event creates the deal owner's follow-up and notification", async ({ page, browser, request }) => {
  // The member starts with nothing unread, whatever earlier specs did.
  const member = await signedInPage(browser, MEMBER_EMAIL);
  await member.goto("/notifications");
  const markAll = member.getByRole("button", { name: "Mark all notifications as read" });
  if (await markAll.isVisible()) await markAll.click();
  await expect(bell(member)).toHaveAccessibleName("Notifications, none unread");

  await signIn(page, ADMIN_EMAIL);
  const webhooks = new WebhooksPage(page);
  await webhooks.goto();
  const sourceName = uniqueName("E2E CRM");
  const source = await webhooks.createSource(sourceName);
  const secret = await webhooks.copy(source, "secret", sourceName);
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
  await expect(source.getByText(secret)).toHaveCount(0); // masked until revealed
  const endpoint = await webhooks.copy(source, "endpoint URL", sourceName);
  expect(endpoint).toMatch(/\/api\/webhooks\/[0-9a-f-]{36}$/);

  const automations = new AutomationsPage(page);
  const name = uniqueName("Negotiation follow-up");
  await setSeededActive(automations, false);
  try {
    await automations.gotoNew();
    await automations.form.getByLabel("Name", { exact: true }).fill(name);
    await automations.chooseTrigger("Deal", "Deal stage changed");
    await automations.form.getByLabel("Moves to stage").selectOption({ label: "Negotiation" });
    const activity = automations.action(1);
    await activity.getByLabel("Subject").fill("Follow up on {{deal.title}}");
    await activity.getByLabel("Activity type").selectOption({ label: "Call" });
    await activity.getByLabel("Due in (days)").fill("2");
    await activity.getByLabel("Assignee").selectOption({ label: "Deal owner" });
    const notify = await automations.addAction("Notify user");
    await notify.getByLabel("Who to notify").selectOption({ label: "Deal owner" });
    await notify.getByLabel("Message").fill("{{deal.title}} is in Negotiation: follow-up due in 2 days");
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations\?created=[0-9a-f-]{36}$/);

    const title = uniqueName("Initech expansion");
    const { status, body } = await postSignedEvent(request, endpoint, secret, {
      type: "deal.updated",
      occurred_at: new Date().toISOString(),
      entity: { type: "deal", id: "D-4711", data: { title, stage: "negotiation", amount: 24000, currency: "EUR", status: "open", owner_id: "crm-member" } },
      previous: { stage: "proposal" },
    });
    expect(status).toBe(200);
    expect(body.duplicate).toBe(false);
    // The seeded automation is off for this test: it only records the event as missed (drizzle/0023).
    expect(body.runs).toHaveLength(2);
    expect(body.runs).toEqual(
      expect.arrayContaining([expect.objectContaining({ automationName: SEEDED, status: "missed" }), expect.objectContaining({ automationName: name, status: "succeeded" })]),
    );

    await webhooks.goto();
    // The source says what arrived lately and links to its deliveries, listed once, in the log.
    await expect(webhooks.source(sourceName)).toContainText("Of the last 1: 1 accepted, 0 duplicate, 0 rejected.");
    await webhooks.source(sourceName).getByRole("link", { name: `Deliveries to ${sourceName}` }).click();
    await expect(page.getByRole("table", { name: "Inbound deliveries" }).getByRole("row").filter({ hasText: "accepted" })).toHaveCount(1);

    await member.goto("/activities");
    const followUp = member.getByRole("listitem", { name: `Follow up on ${title}` });
    await expect(followUp).toBeVisible();
    await expect(followUp).toContainText("Due in 2 days");
    await expect(followUp).toContainText(`Deal ${title} (D-4711)`);
    await expect(followUp).toContainText(`created by the automation “${name}”`);
    await expect(bell(member)).toHaveAccessibleName("Notifications, 1 unread");
    await bell(member).click();
    await expect(member.getByRole("listitem", { name: `Unread: ${title} is in Negotiation: follow-up due in 2 days` })).toBeVisible();

    // Done: ticked on the page, kept after a reload.
    await member.goto("/activities");
    await followUp.getByRole("checkbox", { name: `Done: Follow up on ${title}` }).check();
    await member.reload();
    await expect(member.getByRole("region", { name: "Done recently" }).getByRole("listitem", { name: `Follow up on ${title}` })).toBeVisible();
  } finally {
    await automations.gotoList();
    if (await automations.row(name).isVisible()) await automations.delete(name, "list");
    await setSeededActive(automations, true);
  }
});
