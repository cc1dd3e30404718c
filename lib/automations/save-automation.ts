// The logic behind the create and update server actions, kept out of the "use server" file so it
// can be tested without Next: parse with the form's own schema, then call the domain function.

import type { Db } from "@/db/client";
import { urlPolicyProblem } from "@/lib/outbox/address-policy";
import { outboundPolicyFromEnv } from "@/lib/outbox/policy-from-env";
import { fieldErrorsFromIssues, toActionError, type ActionResult } from "@/lib/result";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { createAutomation } from "./create-automation";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "./field-catalog";
import { automationInputSchemaFor, type AutomationInput } from "./schema";
import type { TemplateWarning } from "./template-check";
import { automationTemplateWarnings } from "./template-warnings";
import type { AutomationScope } from "./scope";
import { updateAutomation } from "./update-automation";

export type SaveAutomationParams = AutomationScope & {
  /** Absent to create; the automation to update otherwise. */
  id?: string;
  expectedVersion?: number;
  /** Untrusted: whatever the browser sent. */
  input: unknown;
};

/** `warnings`: unknown template variables, by path (saved anyway; see template-warnings.ts). */
export type SavedAutomation = { id: string; version: number; warnings: TemplateWarning[] };

/**
 * Validates exactly like the form, then checks webhook URLs against the server's outbound policy
 * (which the shared schema, running in the browser too, cannot read). Invalid input returns each
 * message keyed by its path and writes nothing.
 */
export function parseAutomationInput(
  input: unknown,
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): { ok: true; data: AutomationInput } | { ok: false; error: string; fieldErrors: Record<string, string> } {
  const parsed = automationInputSchemaFor(catalog).safeParse(input);
  if (!parsed.success) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  const fieldErrors = outboundUrlErrors(parsed.data);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors };
  return { ok: true, data: parsed.data };
}

function outboundUrlErrors(data: AutomationInput): Record<string, string> {
  const policy = outboundPolicyFromEnv();
  const errors: Record<string, string> = {};
  data.actions.forEach((action, index) => {
    if (action.type !== "send_webhook") return;
    const problem = urlPolicyProblem(action.config.url, policy);
    if (problem) errors[`actions.${index}.config.url`] = problem;
  });
  return errors;
}

export async function saveAutomation(db: Db, params: SaveAutomationParams): Promise<ActionResult<SavedAutomation>> {
  // The workspace's own fields, stages and activity types, as the form validated them.
  const catalog = await getFieldCatalog(db, params.workspaceId);
  const parsed = parseAutomationInput(params.input, catalog);
  if (!parsed.ok) return parsed;
  const scope = { claims: params.claims, workspaceId: params.workspaceId };
  try {
    const saved =
      params.id === undefined
        ? await createAutomation(db, { ...scope, input: parsed.data })
        : await updateAutomation(db, { ...scope, id: params.id, expectedVersion: params.expectedVersion, input: parsed.data });
    return { ok: true, data: { id: saved.id, version: saved.version, warnings: automationTemplateWarnings(parsed.data, catalog) } };
  } catch (error) {
    return toActionError(error);
  }
}
