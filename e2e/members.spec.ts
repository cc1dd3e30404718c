import { expect, test } from "@playwright/test";
import { MEMBER_EMAIL, signIn } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { InvitationsPage } from "./pages/invitations";
import { MembersPage } from "./pages/members";

const LAST_ADMIN = "A workspace must keep at least one admin. Make another member an admin first.";

// Each test works in a workspace of its own (a fresh sign-up), so the demo workspace stays as seeded.
test.describe("members", () => {
  test("an admin invites a colleague, who accepts; then changes their role and CRM id, and removes them", async ({ page, browser }) => {
    const colleague = uniqueEmail("colleague");
    const other = await browser.newContext();
    const colleaguePage = await other.newPage();
    await new AuthPages(colleaguePage).signUp(colleague, NEW_USER_PASSWORD);

    const owner = uniqueEmail("owner");
    const workspace = `Owner's team ${Date.now().toString(36)}`;
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD, workspace);
    const members = new MembersPage(page);
    await members.goto();

    await members.invite(colleague, "Member");
    await expect(members.inviteForm.getByRole("status")).toHaveText(
      `Invited ${colleague} as member. They accept after signing in (or signing up) with that email.`,
    );
    await expect(members.invitationRow(colleague)).toBeVisible();
    await expect(members.row(colleague)).toHaveCount(0);

    const invitations = new InvitationsPage(colleaguePage);
    await colleaguePage.reload();
    await invitations.headerLink.click();
    await invitations.accept(workspace);
    await expect(colleaguePage).toHaveURL(/\/settings\/automations$/);
    await other.close();

    await page.reload();
    await expect(members.invitationRow(colleague)).toHaveCount(0);
    await expect(members.roleSelect(colleague)).toHaveValue("member");

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
  });

  test("an invitation answers alike whether or not the email has an account, and can be revoked", async ({ page }) => {
    const owner = uniqueEmail("owner");
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD);
    const members = new MembersPage(page);
    await members.goto();

    const nobody = uniqueEmail("nobody");
    await members.invite(nobody, "Member");
    await expect(members.inviteForm.getByRole("status")).toHaveText(
      `Invited ${nobody} as member. They accept after signing in (or signing up) with that email.`,
    );
    await members.invite(MEMBER_EMAIL, "Member");
    await expect(members.inviteForm.getByRole("status")).toHaveText(
      `Invited ${MEMBER_EMAIL} as member. They accept after signing in (or signing up) with that email.`,
    );
    await members.invite(owner, "Member");
    await expect(members.inviteForm.getByRole("alert")).toHaveText("That person is already a member of this workspace.");

    await members.revokeInvitation(nobody);
    await expect(members.invitationRow(nobody)).toHaveCount(0);
    await expect(members.invitationRow(MEMBER_EMAIL)).toBeVisible();
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
