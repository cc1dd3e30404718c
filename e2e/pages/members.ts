import { expect, type Locator, type Page } from "@playwright/test";

/** /settings/members: the roster, the invitation form, pending invitations and each member's controls. */
export class MembersPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/settings/members");
    await expect(this.page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  }

  get inviteForm(): Locator {
    return this.page.getByRole("form", { name: "Invite someone" });
  }

  /** A row of the members table or of the pending invitations (the email tells them apart). */
  row(email: string): Locator {
    return this.page.getByRole("table", { name: "Members of this workspace" }).getByRole("row").filter({ hasText: email });
  }

  invitationRow(email: string): Locator {
    return this.page.getByRole("table", { name: "Pending invitations" }).getByRole("row").filter({ hasText: email });
  }

  async invite(email: string, role: "Admin" | "Member"): Promise<void> {
    await this.inviteForm.getByLabel("Email").fill(email);
    await this.inviteForm.getByLabel("Role").selectOption({ label: role });
    await this.inviteForm.getByRole("button", { name: "Send invitation" }).click();
  }

  async revokeInvitation(email: string): Promise<void> {
    await this.invitationRow(email).getByRole("button", { name: `Revoke the invitation of ${email}` }).click();
  }

  roleSelect(email: string): Locator {
    return this.row(email).getByLabel(`Role for ${email}`);
  }

  crmInput(email: string): Locator {
    return this.row(email).getByLabel(`CRM user id for ${email}`);
  }

  async changeRole(email: string, role: "Admin" | "Member"): Promise<void> {
    await this.roleSelect(email).selectOption({ label: role });
    await this.row(email).getByRole("button", { name: "Save role" }).click();
  }

  async changeCrmUserId(email: string, crmUserId: string): Promise<void> {
    await this.crmInput(email).fill(crmUserId);
    await this.row(email).getByRole("button", { name: "Save id" }).click();
  }

  async remove(email: string): Promise<void> {
    await this.row(email).getByRole("button", { name: `Remove ${email}` }).click();
    await this.row(email).getByRole("button", { name: "Yes, remove" }).click();
  }

  /** A message in the member's row (each control reports beside itself). */
  rowAlert(email: string, text: string): Locator {
    return this.row(email).getByRole("alert").filter({ hasText: text });
  }

  rowStatus(email: string, text: string): Locator {
    return this.row(email).getByRole("status").filter({ hasText: text });
  }
}
