import { expect, test, type Locator } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, signIn, uniqueName } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";

// Issue 22 item 1: number fields keep what is typed (key by key), read it in the workspace's
// format on blur and on save, and refuse an ambiguous separator with a message.

async function startAutomation(automations: AutomationsPage, name: string): Promise<Locator> {
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.chooseTrigger("Deal", "Deal won");
  await automations.action(1).getByLabel("Subject").fill("Call about {{deal.title}}");
  await automations.addCondition();
  await automations.setCondition("1", "Amount", "Is greater than");
  return automations.condition("1").getByLabel("Value", { exact: true });
}

/** Types the text key by key (as a person does) and leaves the field. */
async function typeNumber(input: Locator, text: string): Promise<void> {
  await input.clear();
  await input.pressSequentially(text);
  await expect(input).toHaveValue(text);
  await input.press("Tab");
}

async function expectRefused(automations: AutomationsPage, input: Locator, text: string, message: RegExp): Promise<void> {
  await typeNumber(input, text);
  await expect(input).toHaveValue(text);
  await expect(automations.condition("1").getByText(message)).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  // Saving is refused too, with focus on the field to fix.
  await automations.submit();
  await expect(input).toBeFocused();
  await expect(automations.condition("1").getByText(message)).toBeVisible();
}

/** Saves, then reads the value back from the saved automation's summary and the reloaded form. */
async function expectSaved(automations: AutomationsPage, input: Locator, summary: string, shown: string): Promise<void> {
  await automations.submit();
  // A save that changes nothing keeps its version (and says so).
  await expect(automations.form.getByRole("status")).toHaveText(/^Saved\. (This is version \d+|Nothing changed, so this is still version \d+)\.$/);
  await expect(automations.summary.getByText(`Amount is greater than ${summary}`, { exact: true })).toBeVisible();
  await automations.page.reload();
  await expect(input).toHaveValue(shown);
}

test.describe("number entry in an English workspace", () => {
  test("0.05, 50,000 and 1,250.5 are saved as typed; 50.000 is refused as ambiguous", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const automations = new AutomationsPage(page);
    const name = uniqueName("Numbers en");
    const input = await startAutomation(automations, name);

    await expectRefused(automations, input, "50.000", /“50\.000” is ambiguous: it could mean 50,000 or 50/);
    await expect(page).toHaveURL(/\/settings\/automations\/new$/);
    await expectNoSeriousA11yViolations(page);

    // 0.05 stays 0.05 (it used to end as 5).
    await typeNumber(input, "0.05");
    await expect(input).toHaveValue("0.05");
    await expect(input).not.toHaveAttribute("aria-invalid", "true");
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?.*)?$/);
    await expect(automations.row(name)).toContainText("Amount is greater than 0.05");

    await automations.open(name);
    await expectSaved(automations, input, "0.05", "0.05");
    await typeNumber(input, "50,000");
    await expect(input).toHaveValue("50,000");
    await expectSaved(automations, input, "50,000", "50,000");
    await typeNumber(input, "1,250.5");
    await expect(input).toHaveValue("1,250.5");
    await expectSaved(automations, input, "1,250.5", "1,250.5");
    await typeNumber(input, "0,05");
    await expect(automations.condition("1").getByText("Enter a number as this workspace writes them, e.g. 1,250.5")).toBeVisible();

    // Leaving with that unsaved edit asks first (item 5): yes, discard it.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.goto("/settings/automations");
    await automations.delete(name, "list");
  });
});

test.describe("number entry in a German workspace", () => {
  // The browser's language at sign-up sets the new workspace's format.
  test.use({ locale: "de-DE" });

  test("50.000 and 0,05 are saved as typed; 50,000 is refused; the admin switches the format", async ({ page }) => {
    const auth = new AuthPages(page);
    await auth.gotoSignUp();
    await auth.submitSignUp(uniqueEmail("numbers-de"), NEW_USER_PASSWORD);
    await page.goto("/settings/workspace");
    const format = page.getByRole("combobox", { name: "Number format" });
    await expect(format).toHaveValue("de-DE");
    await expectNoSeriousA11yViolations(page);

    const automations = new AutomationsPage(page);
    const name = uniqueName("Numbers de");
    const input = await startAutomation(automations, name);
    await expectRefused(automations, input, "50,000", /“50,000” is ambiguous: it could mean 50\.000 or 50/);
    await typeNumber(input, "50.000");
    await expect(input).toHaveValue("50.000");
    await automations.submit();
    await expect(page).toHaveURL(/\/settings\/automations(\?.*)?$/);
    await automations.open(name);
    await expect(input).toHaveValue("50.000");
    await expect(automations.summary.getByText("Amount is greater than 50,000", { exact: true })).toBeVisible();

    await typeNumber(input, "0,05");
    await expect(input).toHaveValue("0,05");
    await automations.submit();
    await expect(automations.form.getByRole("status")).toHaveText(/^Saved\. This is version 2\.$/);
    await expect(automations.summary.getByText("Amount is greater than 0.05", { exact: true })).toBeVisible();

    // The admin switches the workspace to English: the same text now reads the English way.
    await page.goto("/settings/workspace");
    await format.selectOption("en-US");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Saved. Numbers are now read and written in this format.");
    await automations.gotoNew();
    await automations.addCondition();
    await automations.setCondition("1", "Amount", "Is greater than");
    await typeNumber(input, "50.000");
    await expect(automations.condition("1").getByText(/is ambiguous/)).toBeVisible();
  });
});

test("a member opening an admins-only page is told why (item 20)", async ({ page }) => {
  await signIn(page, "member@demo.test");
  for (const [path, heading] of [
    ["/settings/workspace", "Only workspace admins can change the workspace's settings"],
    ["/settings/webhooks", "Only workspace admins can manage webhooks"],
    ["/settings/members", "Only workspace admins can manage who belongs to this workspace"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
});
