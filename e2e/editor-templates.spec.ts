import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN_EMAIL, signIn, uniqueName } from "./fixtures";
import { AutomationsPage } from "./pages/automations";

// Issue 22 item 7: templates checked against the field catalog (an error for a malformed one, a
// warning naming an unknown variable) and a picker that inserts {{…}} at the cursor.

test("a malformed template is refused, an unknown variable is named, and the picker inserts at the cursor", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL);
  const automations = new AutomationsPage(page);
  const name = uniqueName("Templates");
  await automations.gotoNew();
  await automations.form.getByLabel("Name", { exact: true }).fill(name);
  await automations.chooseTrigger("Deal", "Deal won");
  const action = automations.action(1);
  const subject = action.getByLabel("Subject");

  await subject.fill("Call  {{deal.amount");
  await automations.submit();
  await expect(action.getByText("“{{deal.amount” is not closed: add “}}” after the variable's name")).toBeVisible();
  await expect(subject).toBeFocused();
  await expect(page).toHaveURL(/\/new$/);

  await subject.fill("Call {{deal.titel}}");
  const warning = action.getByText("Unknown variable {{deal.titel}}: deal events have no such value, so it would be left empty");
  await expect(warning).toBeVisible();
  await expect(subject).toHaveAccessibleDescription(/Unknown variable \{\{deal\.titel\}\}/);

  // The picker: "Call " then the cursor, then " now".
  await subject.fill("Call  now");
  await subject.evaluate((input: HTMLInputElement) => input.setSelectionRange(5, 5));
  await action.getByRole("combobox", { name: "Insert a variable" }).first().selectOption({ label: "Deal title — {{deal.title}}" });
  await expect(subject).toHaveValue("Call {{deal.title}} now");
  await expect(subject).toBeFocused();
  await expect(warning).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await automations.submit();
  await expect(page).toHaveURL(/created=/);
  await expect(automations.row(name)).toBeVisible();
  await automations.delete(name, "list");
});
