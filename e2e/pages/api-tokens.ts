import { expect, type Locator, type Page } from "@playwright/test";

/** /settings/api-tokens as a person uses it. */
export class ApiTokensPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/settings/api-tokens");
    await expect(this.page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  }

  /** Creates a token, copies it with the page's button and returns what landed on the clipboard. */
  async createAndCopy(name: string): Promise<string> {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByRole("button", { name: "Create token" }).click();
    const copy = this.page.getByRole("button", { name: `Copy the token ${name}` });
    await copy.click();
    await expect(copy).toHaveText("Copied");
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  row(name: string): Locator {
    return this.page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string): Promise<void> {
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.row(name).getByRole("button", { name: `Revoke the token ${name}` }).click();
    await expect(this.row(name).getByText("Revoked")).toBeVisible();
  }
}
