import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, DEMO_PASSWORD } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";

test.describe("accounts", () => {
  test("a new user signs up into their own workspace, as its admin", async ({ page }) => {
    const auth = new AuthPages(page);
    const email = uniqueEmail("newcomer");
    const workspace = `Newcomer Co ${Date.now().toString(36)}`;
    await auth.signUp(email, NEW_USER_PASSWORD, workspace);

    await expect(page.getByRole("banner").getByText(email)).toBeVisible();
    // Admins see the Members page; the roster of the new workspace is just them.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
    await expect(page).toHaveURL(/\/settings\/members$/);
    await expect(page.getByText(`Who can use ${workspace}.`)).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2); // header + the newcomer
    await expect(page.getByLabel(`Role for ${email}`)).toHaveValue("admin");
  });

  test("sign-up explains each field's problem and refuses a taken email", async ({ page }) => {
    const auth = new AuthPages(page);
    await auth.gotoSignUp();
    await auth.submitSignUp("not-an-email", "short");
    const main = page.getByRole("main");
    await expect(main.getByText("Enter a valid email address")).toBeVisible();
    await expect(main.getByText("Use at least 8 characters")).toBeVisible();
    await expect(auth.email).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);

    await auth.submitSignUp(ADMIN_EMAIL.toUpperCase(), NEW_USER_PASSWORD);
    await expect(main.getByText("An account with this email already exists. Sign in instead.").first()).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("signs out, then signs in as the demo admin", async ({ page }) => {
    const auth = new AuthPages(page);
    await auth.signUp(uniqueEmail("leaver"), NEW_USER_PASSWORD);
    await auth.signOut();

    await page.goto("/settings/automations");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fautomations$/);

    await auth.submitSignIn(ADMIN_EMAIL, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/settings\/automations$/);
    await expect(page.getByRole("banner").getByText(ADMIN_EMAIL)).toBeVisible();
  });

  test("a wrong password shows an error and signs nobody in", async ({ page }) => {
    const auth = new AuthPages(page);
    await auth.gotoSignIn();
    await auth.submitSignIn(ADMIN_EMAIL, "not-the-password");
    await expect(auth.formError).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(auth.email).toHaveValue(ADMIN_EMAIL);

    await page.goto("/settings/automations");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("repeated failures slow the account down with a clear wait, not a lockout", async ({ page }) => {
    const auth = new AuthPages(page);
    const email = uniqueEmail("locked");
    await auth.signUp(email, NEW_USER_PASSWORD);
    await auth.signOut();

    for (let attempt = 1; attempt <= 5; attempt++) {
      await auth.submitSignIn(email, `wrong-${attempt}`);
      await expect(auth.formError).toHaveText("Wrong email or password.");
    }
    // Even the right password waits until the delay has passed.
    await auth.submitSignIn(email, NEW_USER_PASSWORD);
    await expect(auth.formError).toHaveText(/^Too many attempts, try again in 1?\d seconds?\.$/);
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("signed-out visitors", () => {
  for (const path of ["/settings/automations", "/activities"]) {
    test(`opening ${path} leads to sign-in, then back to ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(path)}`);
      await new AuthPages(page).submitSignIn(ADMIN_EMAIL, DEMO_PASSWORD);
      await expect(page).toHaveURL(path);
    });
  }

  test("keeps the query string of the page asked for", async ({ page }) => {
    await page.goto("/settings/automations?status=active");
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent("/settings/automations?status=active")}`);
    await new AuthPages(page).submitSignIn(ADMIN_EMAIL, DEMO_PASSWORD);
    await expect(page).toHaveURL("/settings/automations?status=active");
  });

  for (const next of ["https://example.com/", "//example.com/x", "/\\example.com", "javascript:alert(1)"]) {
    test(`ignores a next of ${next} and stays on this site`, async ({ page }) => {
      const auth = new AuthPages(page);
      await auth.gotoSignIn(next);
      await auth.submitSignIn(ADMIN_EMAIL, DEMO_PASSWORD);
      await expect(page).toHaveURL("/settings/automations");
    });
  }
});
