import { expect, type Locator, type Page } from "@playwright/test";

/** /invitations: the signed-in user's pending invitations, each to accept or decline. */
export class InvitationsPage {
  constructor(readonly page: Page) {}

  /** The header's link, shown while invitations wait. */
  get headerLink(): Locator {
    return this.page.getByRole("banner").getByRole("link", { name: /invitations?$/ });
  }

  async goto(): Promise<void> {
    await this.page.goto("/invitations");
    await expect(this.page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  }

  invitation(workspaceName: string): Locator {
    return this.page.getByRole("form", { name: `Invitation to ${workspaceName}` });
  }

  async accept(workspaceName: string): Promise<void> {
    await this.invitation(workspaceName).getByRole("button", { name: "Accept" }).click();
  }

  async decline(workspaceName: string): Promise<void> {
    await this.invitation(workspaceName).getByRole("button", { name: "Decline" }).click();
  }
}
