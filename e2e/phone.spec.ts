import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, signIn } from "./fixtures";

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
