// Activity types (the whole list, in order) and custom fields per entity. Runs as the user, so the
// database's policies decide (admins write). A custom field that automations use cannot be removed
// or re-keyed: their runs would fail on an unknown field.

import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activityTypes, automations, customFields } from "@/db/schema";
import type { Tx } from "@/db/with-user";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { activityTypesInputSchema, customFieldInputSchema, MAX_CUSTOM_FIELDS, type CustomFieldInput } from "./catalog-input";
import { changeCatalog, requireId, type CatalogScope } from "./manage-pipelines";

function invalidInput(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, fallback: string): AppError {
  return new AppError("invalid_input", issues[0]?.message ?? fallback, fieldErrorsFromIssues(issues));
}

/** Replaces the workspace's activity types; an empty list goes back to the built-in ones. */
export async function saveActivityTypes(db: Db, params: CatalogScope & { input: unknown }): Promise<{ count: number }> {
  const parsed = activityTypesInputSchema.safeParse(params.input);
  if (!parsed.success) throw invalidInput(parsed.error.issues, "Check the activity types");
  const { workspaceId } = params;
  await changeCatalog(db, params, async (tx) => {
    await tx.delete(activityTypes).where(eq(activityTypes.workspaceId, workspaceId));
    if (parsed.data.types.length > 0) {
      await tx.insert(activityTypes).values(parsed.data.types.map((type, position) => ({ workspaceId, key: type.key, label: type.label, position })));
    }
  });
  return { count: parsed.data.types.length };
}

/** Names of the workspace's automations whose conditions or "updated" trigger read the field. */
async function automationsUsing(tx: Tx, workspaceId: string, field: { entity: string; key: string }): Promise<string[]> {
  const rows = await tx
    .select({ name: automations.name })
    .from(automations)
    .where(
      and(
        eq(automations.workspaceId, workspaceId),
        isNull(automations.deletedAt),
        sql`(strpos(coalesce(${automations.conditions}::text, ''), ${JSON.stringify(`${field.entity}.${field.key}`)}) > 0
          or (${automations.triggerType} = ${`${field.entity}.updated`} and coalesce(${automations.trigger}->'fields', '[]'::jsonb) ? ${field.key}))`,
      ),
    )
    .limit(5);
  return rows.map((row) => row.name);
}

function inUse(label: string, names: string[]): AppError {
  const list = names.map((name) => `“${name}”`).join(", ");
  return new AppError("conflict", `${label} is used by ${names.length === 1 ? "the automation" : "automations"} ${list}: change ${names.length === 1 ? "it" : "them"} first.`);
}

async function writeCustomField(tx: Tx, workspaceId: string, input: CustomFieldInput): Promise<string> {
  const values = { entity: input.entity, key: input.key, label: input.label, type: input.type, options: input.options };
  if (!input.id) {
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(customFields).where(eq(customFields.workspaceId, workspaceId));
    if (count >= MAX_CUSTOM_FIELDS) throw new AppError("invalid_input", `A workspace has at most ${MAX_CUSTOM_FIELDS} custom fields`);
    const [row] = await tx.insert(customFields).values({ ...values, workspaceId, position: count }).returning({ id: customFields.id });
    return row.id;
  }
  const [current] = await tx.select().from(customFields).where(and(eq(customFields.id, input.id), eq(customFields.workspaceId, workspaceId)));
  if (!current) throw new AppError("not_found", "This custom field no longer exists. Reload the page.");
  if (current.entity !== input.entity || current.key !== input.key || current.type !== input.type) {
    const names = await automationsUsing(tx, workspaceId, current);
    if (names.length > 0) throw inUse(`“${current.label}”`, names);
  }
  const updated = await tx.update(customFields).set(values).where(eq(customFields.id, input.id)).returning({ id: customFields.id });
  if (updated.length === 0) throw new AppError("forbidden", "Only workspace admins can change custom fields.");
  return input.id;
}

/** Adds a custom field (no `id`) or changes one. */
export async function saveCustomField(db: Db, params: CatalogScope & { input: unknown }): Promise<{ id: string }> {
  const parsed = customFieldInputSchema.safeParse(params.input);
  if (!parsed.success) throw invalidInput(parsed.error.issues, "Check the custom field");
  const { entity, key } = parsed.data;
  const id = await changeCatalog(db, params, (tx) => writeCustomField(tx, params.workspaceId, parsed.data), `The ${entity} already has a field with the key “${key}”`);
  return { id };
}

export async function deleteCustomField(db: Db, params: CatalogScope & { fieldId: string }): Promise<void> {
  requireId(params.fieldId, "custom field");
  await changeCatalog(db, params, async (tx) => {
    const [field] = await tx.select().from(customFields).where(and(eq(customFields.id, params.fieldId), eq(customFields.workspaceId, params.workspaceId)));
    if (!field) throw new AppError("not_found", "This custom field no longer exists. Reload the page.");
    const names = await automationsUsing(tx, params.workspaceId, field);
    if (names.length > 0) throw inUse(`“${field.label}”`, names);
    const deleted = await tx.delete(customFields).where(eq(customFields.id, params.fieldId)).returning({ id: customFields.id });
    if (deleted.length === 0) throw new AppError("forbidden", "Only workspace admins can remove custom fields.");
  });
}
