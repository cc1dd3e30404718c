import { expect, type Locator, type Page } from "@playwright/test";

/** /settings/logs, one run's page and the automation editor's test-run panel, as a person uses them. */
export class HistoryPage {
  constructor(readonly page: Page) {}

  async gotoLogs(query = ""): Promise<void> {
    await this.page.goto(`/settings/logs${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Logs", level: 1 })).toBeVisible();
  }

  get filters(): Locator {
    return this.page.getByRole("search", { name: "Filter runs" });
  }

  async filter(values: { status?: string; entityId?: string; eventType?: string }): Promise<void> {
    if (values.status !== undefined) await this.filters.getByLabel("Status").selectOption(values.status);
    if (values.eventType !== undefined) await this.filters.getByLabel("Event type").selectOption(values.eventType);
    if (values.entityId !== undefined) await this.filters.getByLabel("Entity id").fill(values.entityId);
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
  }

  /** The data rows of the runs table (the header row left out). */
  get runRows(): Locator {
    return this.page.getByRole("table", { name: "Runs" }).getByRole("row").filter({ has: this.page.getByRole("link", { name: "Details" }) });
  }

  /** The run pages the listed rows link to, in order: what two views must agree on. */
  async runLinks(): Promise<string[]> {
    return this.runRows.getByRole("link", { name: "Details" }).evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  }

  async openRun(row: Locator): Promise<void> {
    await row.getByRole("link", { name: "Details" }).click();
    await expect(this.page.getByRole("heading", { name: /^Run of / , level: 1 })).toBeVisible();
  }

  panel(title: "Why it ran, or not" | "Actions" | "Event" | "Automation version"): Locator {
    return this.page.getByRole("region", { name: title });
  }

  /** A condition of a trace, named by its sentence and verdict: "Amount is greater than 50,000: false". */
  condition(scope: Locator, name: string): Locator {
    return scope.getByRole("listitem", { name, exact: true });
  }

  /** The empty list's message: how a first run comes about, and for admins the way to get one now. */
  get noRunsYet(): Locator {
    return this.page.getByRole("main").getByRole("heading", { name: "No runs yet", level: 2 }).locator("..");
  }

  // ---- test run in the automation editor ------------------------------------------------------

  get testRun(): Locator {
    return this.page.getByRole("region", { name: "Test run", exact: true });
  }

  get testRunResult(): Locator {
    return this.page.getByRole("region", { name: "Test run result" });
  }

  /** Picks the recent event whose option names the entity, then runs the test. */
  async testRunAgainstEvent(entityId: string): Promise<void> {
    const select = this.testRun.getByLabel("Recent event", { exact: true });
    const option = select.locator("option", { hasText: entityId }).first();
    await expect(option).toBeAttached();
    await select.selectOption((await option.getAttribute("value"))!);
    await this.testRun.getByRole("button", { name: "Test run" }).click();
    await expect(this.testRunResult).toBeVisible();
  }
}
