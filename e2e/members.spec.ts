import { expect, test } from "@playwright/test";
import { MEMBER_EMAIL, signIn } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { MembersPage } from "./pages/members";

const LAST_ADMIN = "A workspace must keep at least one admin. Make another member an admin first.";

// Each test works in a workspace of its own (a fresh sign-up), so the demo workspace stays as seeded.
test.describe("members", () => {
  test("an admin adds a member, changes their role and CRM id, and removes them", async ({ page, browser }) => {
    const colleague = uniqueEmail("colleague");
    const other = await browser.newContext();
    await new AuthPages(await other.newPage()).signUp(colleague, NEW_USER_PASSWORD);
    await other.close();

    const owner = uniqueEmail("owner");
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD);
    const members = new MembersPage(page);
    await members.goto();

    await members.add(colleague, "Member", "crm-colleague");
    await expect(members.addForm.getByRole("status")).toHaveText(`Added ${colleague} as member.`);
    await expect(members.roleSelect(colleague)).toHaveValue("member");
    await expect(members.crmInput(colleague)).toHaveValue("crm-colleague");

    await members.changeRole(colleague, "Admin");
    await expect(members.rowStatus(colleague, "Role changed to admin.")).toBeVisible();
    await members.changeRole(colleague, "Member");
    await expect(members.rowStatus(colleague, "Role changed to member.")).toBeVisible();

    await members.changeCrmUserId(colleague, "crm-colleague-2");
    await expect(members.rowStatus(colleague, "CRM user id set to crm-colleague-2.")).toBeVisible();

    await page.reload();
    await expect(members.roleSelect(colleague)).toHaveValue("member");
    await expect(members.crmInput(colleague)).toHaveValue("crm-colleague-2");

    await members.remove(colleague);
    await expect(members.row(colleague)).toHaveCount(0);
    await expect(page.getByRole("row")).toHaveCount(2);
  });

  test("explains why someone cannot be added", async ({ page }) => {
    const owner = uniqueEmail("owner");
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD);
    const members = new MembersPage(page);
    await members.goto();

    await members.add(uniqueEmail("nobody"), "Member");
    await expect(members.addForm.getByRole("alert")).toHaveText(
      "No account uses this email. Ask them to sign up first, then add them.",
    );
    await members.add(owner, "Member");
    await expect(members.addForm.getByRole("alert")).toHaveText("That person is already a member of this workspace.");
  });

  test("the last admin can be neither demoted nor removed", async ({ page }) => {
    const owner = uniqueEmail("sole-admin");
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD);
    const members = new MembersPage(page);
    await members.goto();

    await members.changeRole(owner, "Member");
    await expect(members.rowAlert(owner, LAST_ADMIN)).toBeVisible();
    await page.reload();
    await members.remove(owner);
    await expect(members.rowAlert(owner, LAST_ADMIN)).toBeVisible();
    await page.reload();
    await expect(members.roleSelect(owner)).toHaveValue("admin");
  });

  test("a member opening the members page finds nothing there", async ({ page }) => {
    await signIn(page, MEMBER_EMAIL);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" })).toHaveCount(0);
    const response = await page.goto("/settings/members");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Members", level: 1 })).toHaveCount(0);
  });
});
