import { expect, type Locator, type Page } from "@playwright/test";

/** /settings/fields: the workspace's pipelines and stages, activity types and custom fields. */
export class FieldsPage {
  constructor(readonly page: Page) {
    // Deleting asks through the browser's confirm dialog.
    page.on("dialog", (dialog) => void dialog.accept());
  }

  async gotoFromNavigation(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fields", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Pipelines and fields", level: 1 })).toBeVisible();
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/fields");
    await expect(this.page.getByRole("heading", { name: "Pipelines and fields", level: 1 })).toBeVisible();
  }

  pipeline(name: string): Locator {
    return this.page.getByRole("form", { name, exact: true });
  }

  /** Creates a pipeline with its stages ([id, label]) through "New pipeline". */
  async createPipeline(name: string, stages: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await this.page.getByRole("button", { name: "New pipeline" }).click();
    const form = this.pipeline("New pipeline");
    await form.getByLabel("Pipeline name").fill(name);
    for (const [index, [id, label]] of stages.entries()) {
      if (index > 0) await form.getByRole("button", { name: "Add stage" }).click();
      await form.getByLabel(`Stage ${index + 1} id`).fill(id);
      await form.getByLabel(`Stage ${index + 1} label`).fill(label);
    }
    await form.getByRole("button", { name: "Create pipeline" }).click();
    await expect(this.pipeline(name)).toBeVisible();
  }

  /** The pipeline's "Import stages from JSON" form, opened. */
  async openImport(pipeline: string): Promise<Locator> {
    const card = this.page.locator("div").filter({ has: this.pipeline(pipeline) }).last();
    await card.getByText("Import stages from JSON").click();
    return this.page.getByRole("form", { name: `Import stages into ${pipeline}` });
  }

  async deletePipeline(name: string): Promise<void> {
    await this.pipeline(name).getByRole("button", { name: "Delete pipeline" }).click();
    await expect(this.pipeline(name)).toHaveCount(0);
  }

  get customFieldForm(): Locator {
    return this.page.getByRole("form", { name: "Add a custom field" });
  }

  customFieldRow(label: string): Locator {
    return this.page.getByRole("table", { name: "Custom fields" }).getByRole("row").filter({ hasText: label });
  }

  async addChoiceField(entity: string, label: string, key: string, options: string): Promise<void> {
    const form = this.customFieldForm;
    await form.getByLabel("Belongs to").selectOption({ label: entity });
    await form.getByLabel("Type").selectOption({ label: "Single choice" });
    await form.getByLabel("Label").fill(label);
    await form.getByLabel("Key").fill(key);
    await form.getByLabel("Options").fill(options);
    await form.getByRole("button", { name: "Add field" }).click();
    await expect(form.getByRole("status")).toHaveText(`Saved the field “${label}”.`);
    await expect(this.customFieldRow(label)).toBeVisible();
  }

  async deleteCustomField(label: string): Promise<void> {
    await this.page.getByRole("button", { name: `Delete ${label}`, exact: true }).click();
  }
}
