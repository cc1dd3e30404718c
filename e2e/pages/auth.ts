import { expect, type Locator, type Page } from "@playwright/test";

/** Sign-in, sign-up and sign-out, as a person does them. */
export class AuthPages {
  constructor(readonly page: Page) {}

  get email(): Locator {
    return this.page.getByLabel("Email");
  }

  get password(): Locator {
    return this.page.getByLabel("Password");
  }

  /** The form's own message (Next injects another role="alert" outside main). */
  get formError(): Locator {
    return this.page.getByRole("main").getByRole("alert");
  }

  async gotoSignIn(next?: string): Promise<void> {
    await this.page.goto(next === undefined ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }

  async gotoSignUp(): Promise<void> {
    await this.page.goto("/sign-up");
    await expect(this.page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  }

  async submitSignIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit("/sign-in", "Sign in");
  }

  async submitSignUp(email: string, password: string, workspaceName?: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    if (workspaceName !== undefined) await this.page.getByLabel("Workspace name").fill(workspaceName);
    await this.submit("/sign-up", "Create account");
  }

  /**
   * Submits and waits until the form has settled: React resets a form's fields when its action
   * finishes, so filling the next attempt before then would be wiped.
   */
  private async submit(path: string, button: string): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path);
    await this.page.getByRole("button", { name: button }).click();
    await answered;
    // Settled: either it moved on (a redirect), or React finished with the form (a refusal).
    const form = this.page.locator("form[aria-busy]");
    await expect
      .poll(async () => {
        if (new URL(this.page.url()).pathname !== path) return true;
        const busy = await form.evaluateAll((forms) => forms.map((f) => f.getAttribute("aria-busy")));
        return busy.every((value) => value === "false");
      })
      .toBe(true);
  }

  /** A new account through the sign-up form; it lands on the automations page, signed in. */
  async signUp(email: string, password: string, workspaceName?: string): Promise<void> {
    await this.gotoSignUp();
    await this.submitSignUp(email, password, workspaceName);
    await expect(this.page).toHaveURL(/\/settings\/automations$/);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

export const NEW_USER_PASSWORD = "correct horse battery";
