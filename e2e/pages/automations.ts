import { expect, type Locator, type Page } from "@playwright/test";

/** /settings/automations: the list, the create/edit form and the detail page, as a person uses them. */
export class AutomationsPage {
  constructor(readonly page: Page) {}

  // ---- list -------------------------------------------------------------------------------

  async gotoList(query?: string): Promise<void> {
    await this.page.goto(query === undefined ? "/settings/automations" : `/settings/automations?q=${encodeURIComponent(query)}`);
    await expect(this.page.getByRole("heading", { name: "Automations", level: 1 })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  listSwitch(name: string): Locator {
    return this.page.getByRole("switch", { name: `${name} active`, exact: true });
  }

  async search(text: string): Promise<void> {
    // Applied as typed (debounced): no button to press.
    await this.page.getByLabel("Search by name").fill(text);
    await this.page.waitForURL((url) => url.searchParams.get("q") === text);
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, level: 1 })).toBeVisible();
  }

  // ---- form -------------------------------------------------------------------------------

  async gotoNew(): Promise<void> {
    await this.page.goto("/settings/automations/new");
    await expect(this.page.getByRole("heading", { name: "New automation", level: 1 })).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByRole("form", { name: /automation/i });
  }

  /** The form's own message (Next injects another role="alert" outside main). */
  get formAlert(): Locator {
    return this.page.getByRole("main").getByRole("alert");
  }

  async chooseTrigger(entity: string, trigger: string): Promise<void> {
    await this.form.getByLabel("Entity", { exact: true }).selectOption({ label: entity });
    await this.form.getByLabel("Trigger", { exact: true }).selectOption({ label: trigger });
  }

  conditionsRoot(): Locator {
    return this.form.getByRole("group", { name: "Conditions", exact: true });
  }

  /** A condition group: "2" or "2.1" (the root is `conditionsRoot`). */
  group(number: string): Locator {
    return this.form.getByRole("group", { name: `Group ${number}`, exact: true });
  }

  /** A condition row: "1", "2.1"… (numbered by position, groups included). */
  condition(number: string): Locator {
    return this.form.getByRole("group", { name: `Condition ${number}`, exact: true });
  }

  async addCondition(toGroup?: string): Promise<void> {
    const name = toGroup ? `Add condition to group ${toGroup}` : "Add condition";
    await this.form.getByRole("button", { name, exact: true }).click();
  }

  async addGroup(toGroup?: string): Promise<void> {
    const name = toGroup ? `Add group to group ${toGroup}` : "Add group";
    await this.form.getByRole("button", { name, exact: true }).click();
  }

  async setCondition(number: string, field: string, operator: string, value?: string): Promise<void> {
    const row = this.condition(number);
    await row.getByLabel("Field", { exact: true }).selectOption({ label: field });
    await row.getByLabel("Operator", { exact: true }).selectOption({ label: operator });
    if (value === undefined) return;
    const input = row.getByLabel(/^(Value|Values \(comma separated\)|Values \(separated by ;\)|Days)$/);
    if ((await input.evaluate((element) => element.tagName)) === "SELECT") await input.selectOption({ label: value });
    else await input.fill(value);
  }

  action(number: number): Locator {
    return this.form.getByRole("group", { name: `Action ${number}`, exact: true });
  }

  async addAction(type?: string): Promise<Locator> {
    const count = await this.form.getByRole("group", { name: /^Action \d+$/ }).count();
    await this.form.getByRole("button", { name: "+ Add action" }).click();
    const action = this.action(count + 1);
    if (type) await action.getByLabel(`Action ${count + 1} type`).selectOption({ label: type });
    return action;
  }

  async moveAction(number: number, direction: "up" | "down"): Promise<void> {
    await this.form.getByRole("button", { name: `Move action ${number} ${direction}`, exact: true }).click();
  }

  async submit(): Promise<void> {
    await this.form.getByRole("button", { name: /^(Create automation|Save changes)$/ }).click();
  }

  // ---- detail -----------------------------------------------------------------------------

  /** The detail page's overview: the automation in words, status, version, owner. */
  get summary(): Locator {
    return this.page.getByRole("region", { name: "Summary" });
  }

  get detailSwitch(): Locator {
    return this.page.getByRole("switch", { name: "Active", exact: true });
  }

  async expectVersion(version: number): Promise<void> {
    await expect(this.summary.getByText(`Version ${version}`, { exact: true })).toBeVisible();
  }

  /** Opens the duplicate dialog and confirms, with the suggested name or the one given. */
  async duplicate(name?: string): Promise<void> {
    await this.page.getByRole("button", { name: "Duplicate", exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: /^Duplicate “/ });
    await expect(dialog).toBeVisible();
    if (name !== undefined) await dialog.getByLabel("Name of the copy").fill(name);
    await dialog.getByRole("button", { name: "Duplicate", exact: true }).click();
  }

  /** Opens the confirmation and confirms (the row's button from the list, the page's otherwise). */
  async delete(name: string, from: "list" | "detail"): Promise<void> {
    const button = from === "list" ? this.row(name).getByRole("button", { name: `Delete ${name}` }) : this.page.getByRole("button", { name: "Delete", exact: true });
    await button.click();
    const dialog = this.page.getByRole("dialog", { name: `Delete “${name}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete automation" }).click();
    await expect(this.page).toHaveURL(/\/settings\/automations(\?.*)?$/);
  }
}
