import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, seed, signIn } from "./fixtures";
import { AutomationsPage } from "./pages/automations";

// Issue 22 item 17: on a 390 × 844 phone nothing scrolls sideways, the navigation is a menu, and
// lists read as stacked cards. Runs in the "phone" project (playwright.config.ts).

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll, `page is ${widths.scroll}px wide in a ${widths.view}px viewport`).toBeLessThanOrEqual(widths.view);
}

test("the main pages fit a phone, with the navigation in a menu", async ({ page }) => {
  test.skip(page.viewportSize()?.width !== 390, "phone project only");
  await signIn(page, ADMIN_EMAIL);
  for (const path of ["/settings/automations", "/settings/automations/new", "/settings/logs", "/activities", "/settings/workspace"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  }

  // Bell and sign-out stay on screen; the links wait behind "Menu".
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await expect(page.getByRole("link", { name: /notifications/i }).first()).toBeInViewport();
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await menu.click();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Automations" }).click();
  await expect(page).toHaveURL(/\/settings\/automations$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  // The list is cards: a row's actions are on screen, not scrolled off to the right.
  const firstRow = page.getByRole("row").filter({ has: page.getByRole("checkbox") }).first();
  const remove = firstRow.getByRole("button", { name: /^Delete / });
  await remove.scrollIntoViewIfNeeded();
  await expect(remove).toBeInViewport();
  const box = await remove.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await expect(page.getByRole("columnheader", { name: "Owner" })).toBeHidden();
});

test("an automation's health panel and the list's small charts fit a phone", async ({ page }) => {
  test.skip(page.viewportSize()?.width !== 390, "phone project only");
  await signIn(page, ADMIN_EMAIL);
  await page.goto("/settings/automations");
  const small = page.getByRole("img", { name: /^Follow up when a deal reaches Negotiation, last 30 days: / });
  await small.scrollIntoViewIfNeeded();
  await expect(small).toBeInViewport();
  await page.getByRole("link", { name: "Follow up when a deal reaches Negotiation", exact: true }).click();
  const chart = page.getByRole("region", { name: /^Health, last 30 days/ }).getByRole("img", { name: "Runs per day over the last 30 days, by outcome" });
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
});
test("the webhooks page lists deliveries once, as stacked cards that fit a phone", async ({ page, request }) => {
  test.skip(page.viewportSize()?.width !== 390, "phone project only");
  // A refused delivery (a signature that matches nothing): a row in the log, and no effect anywhere.
  const id = `msg_phone_${Date.now().toString(36)}`;
  const refused = await request.post(seed().webhookUrl, {
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,bm90IHRoZSBzaWduYXR1cmUgYXQgYWxs" },
    data: "{}",
  });
  expect(refused.status()).toBe(401);

  await signIn(page, ADMIN_EMAIL);
  await page.goto(`/settings/webhooks?external=${id}`);
  await expect(page.getByRole("main")).toBeVisible();
  await expectNoSidewaysScroll(page);
  const log = page.getByRole("region", { name: "Inbound deliveries" });
  await expect(log.getByRole("columnheader", { name: "Message id" })).toBeHidden();
  const card = log.getByRole("table", { name: "Inbound deliveries" }).getByRole("row").filter({ hasText: id });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("rejected");
  await expect(card).toContainText("401");
  const box = await card.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page);
});

test("nested condition groups stay usable on a phone", async ({ page }) => {
  test.skip(page.viewportSize()?.width !== 390, "phone project only");
  await signIn(page, ADMIN_EMAIL);
  const automations = new AutomationsPage(page);
  await automations.gotoNew();
  await automations.chooseTrigger("Deal", "Deal won");
  // Three levels deep: group 1, a group inside it, and one inside that.
  await automations.addGroup();
  await automations.addGroup("1");
  await automations.addGroup("1.2");
  await automations.setCondition("1.2.2.1", "Amount", "Is greater than", "50,000");
  await expectNoSidewaysScroll(page);
  const value = automations.condition("1.2.2.1").getByLabel("Value", { exact: true });
  await expect(value).toHaveValue("50,000");
  const box = await value.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  expect(box && box.width).toBeGreaterThanOrEqual(120);
});
