"use server";
// Automation mutations. Each one: session first, workspace and owner from the session, input
// parsed by the shared schema (inside saveAutomation / the domain functions), then revalidate.
// Thin on purpose: the rules live in the domain functions, which are tested against a database.
// Only async functions may be exported from this file (a schema export breaks at run time).

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { AppError, toActionError, type ActionResult } from "@/lib/result";
import { bulkAutomations } from "./bulk-automations";
import { deleteAutomation } from "./delete-automation";
import { duplicateAutomation } from "./duplicate-automation";
import { saveAutomation, type SavedAutomation } from "./save-automation";
import { setAutomationActive } from "./set-automation-active";

async function scope() {
  const session = await requireSession();
  return { claims: session.claims, workspaceId: session.workspace.id };
}

function revalidate() {
  // "layout" covers the list, the new page and every detail page below it.
  revalidatePath("/settings/automations", "layout");
}

export async function createAutomationAction(input: unknown): Promise<ActionResult<SavedAutomation>> {
  const who = await scope();
  const result = await saveAutomation((await getDb()).db, { ...who, input });
  if (result.ok) revalidate();
  return result;
}

export async function updateAutomationAction(id: string, expectedVersion: number, input: unknown): Promise<ActionResult<SavedAutomation>> {
  const who = await scope();
  const version = Number.isInteger(expectedVersion) ? expectedVersion : undefined;
  const result = await saveAutomation((await getDb()).db, { ...who, id: String(id), expectedVersion: version, input });
  if (result.ok) revalidate();
  return result;
}

export async function setAutomationActiveAction(id: string, isActive: boolean): Promise<ActionResult<{ isActive: boolean }>> {
  const who = await scope();
  try {
    if (typeof isActive !== "boolean") throw new AppError("invalid_input", "Choose on or off");
    const record = await setAutomationActive((await getDb()).db, { ...who, id: String(id), isActive });
    revalidate();
    return { ok: true, data: { isActive: record.isActive } };
  } catch (error) {
    return toActionError(error);
  }
}

/**
 * Deletes, then sends the browser to the list (keeping its search). A redirect rather than a
 * re-render: re-rendering the deleted automation's own page would flash "not found" first.
 */
export async function deleteAutomationAction(id: string, query?: string): Promise<ActionResult> {
  const who = await scope();
  try {
    await deleteAutomation((await getDb()).db, { ...who, id: String(id) });
  } catch (error) {
    return toActionError(error);
  }
  revalidate();
  const q = typeof query === "string" ? query.trim().slice(0, 200) : "";
  redirect(q ? `/settings/automations?q=${encodeURIComponent(q)}` : "/settings/automations");
}

/** Duplicates under the chosen name, then opens the copy (it starts inactive, ready to be edited and switched on). */
export async function duplicateAutomationAction(id: string, name?: string): Promise<ActionResult> {
  const who = await scope();
  let copyId: string;
  try {
    copyId = (await duplicateAutomation((await getDb()).db, { ...who, id: String(id), name })).id;
  } catch (error) {
    return toActionError(error);
  }
  revalidate();
  redirect(`/settings/automations/${copyId}`);
}

/** Activates, deactivates or deletes the selected automations, all or none. */
export async function bulkAutomationsAction(input: unknown): Promise<ActionResult<{ count: number }>> {
  const who = await scope();
  try {
    const result = await bulkAutomations((await getDb()).db, { ...who, input });
    revalidate();
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
