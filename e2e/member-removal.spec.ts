import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { uniqueName } from "./fixtures";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { AutomationsPage } from "./pages/automations";
import { InvitationsPage } from "./pages/invitations";
import { MembersPage } from "./pages/members";

// Issue 22 item 4. Each test works in a workspace of its own (a fresh sign-up): an owner, a colleague
// who accepted an invitation, and an automation whose follow-up is assigned to that colleague.

async function teamWithNamedColleague(page: Page, browser: Browser) {
  const colleague = uniqueEmail("assignee");
  const other = await browser.newContext();
  const colleaguePage = await other.newPage();
  await new AuthPages(colleaguePage).signUp(colleague, NEW_USER_PASSWORD);
  const workspace = `Removal team ${Date.now().toString(36)}`;
  await new AuthPages(page).signUp(uniqueEmail("owner"), NEW_USER_PASSWORD, workspace);
  const members = new MembersPage(page);
  await members.goto();
  await members.invite(colleague, "Member");
  await expect(members.invitationRow(colleague)).toBeVisible();
  await colleaguePage.reload();
  const invitations = new InvitationsPage(colleaguePage);
  await invitations.headerLink.click();
  await invitations.accept(workspace);
  await other.close();

  const automations = new AutomationsPage(page);
  const name = uniqueName("Calls for the colleague");
  await page.goto("/settings/automations/new?template=new-deal-intro-call");
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.action(1).getByLabel("Assignee", { exact: true }).selectOption({ label: "A team member" });
  await automations.action(1).getByLabel("Member", { exact: true }).selectOption({ label: colleague });
  await automations.submit();
  await expect(page).toHaveURL(/\/settings\/automations(\?created=[0-9a-f-]+)?$/);
  return { colleague, name, members, automations };
}

async function openRemoval(page: Page, members: MembersPage, colleague: string, name: string) {
  await members.goto();
  await members.row(colleague).getByRole("button", { name: `Remove ${colleague}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${colleague} from the workspace?` });
  await expect(dialog.getByText(`1 automation names ${colleague} in an action:`)).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Automations that name them" }).getByRole("link", { name, exact: true })).toBeVisible();
  return dialog;
}

test.describe("removing a member whom automations name", () => {
  test("left as they are, the automation shows the problem, naming the person, in the list and on its page", async ({ page, browser }) => {
    const { colleague, name, members, automations } = await teamWithNamedColleague(page, browser);
    const dialog = await openRemoval(page, members, colleague, name);
    const handTo = dialog.getByLabel("Hand their automations to");
    await expect(handTo).toHaveValue("deal_owner");
    await expectNoSeriousA11yViolations(page);
    await handTo.selectOption({ label: "Nobody: leave them (their runs fail at that action)" });
    await dialog.getByRole("button", { name: "Yes, remove" }).click();
    await expect(members.row(colleague)).toHaveCount(0);

    const problem = `An action names ${colleague}, who was removed from this workspace.`;
    await automations.gotoList();
    await expect(automations.row(name)).toContainText("Names a removed member");
    await expect(automations.row(name)).toContainText(problem);
    await automations.open(name);
    await expect(page.getByRole("region", { name: "Names a removed member" })).toContainText(problem);
  });

  test("handed to the deal owner in the same dialog, the automation gets a new version and shows no problem", async ({ page, browser }) => {
    const { colleague, name, members, automations } = await teamWithNamedColleague(page, browser);
    const dialog = await openRemoval(page, members, colleague, name);
    await dialog.getByRole("button", { name: "Yes, remove" }).click();
    await expect(members.row(colleague)).toHaveCount(0);

    await automations.gotoList();
    await expect(automations.row(name)).not.toContainText("Names a removed member");
    await automations.open(name);
    await expect(page.getByRole("region", { name: "Names a removed member" })).toHaveCount(0);
    await automations.expectVersion(2);
    await expect(automations.action(1).getByLabel("Assignee", { exact: true })).toHaveValue("deal_owner");
    await expect(page.getByRole("region", { name: "Versions" }).getByRole("listitem").first()).toContainText(`Reassigned from ${colleague} (removed from the workspace) to the deal owner`);
  });
});
