"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireAdmin } from "@/lib/auth/session";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { createSource } from "./create-source";
import { deleteSource } from "./delete-source";
import { rotateSourceSecret } from "./rotate-source-secret";
import { createSourceSchema, sourceIdSchema } from "./schemas";
import { sendTestEvent } from "./send-test-event";
import { setSourceActive } from "./set-source-active";
import { parseSupabaseMappingForm } from "./supabase-mapping-form";
import { updateSupabaseMapping } from "./update-supabase-mapping";
import type { SourceActionState } from "./types";

const PAGE = "/settings/webhooks";

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

function failed(error: unknown): SourceActionState {
  if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  logUnexpected("webhook source action failed", error);
  return { ok: false, error: "Something went wrong. Please try again." };
}

function done(previous: SourceActionState, message: string): SourceActionState {
  revalidatePath(PAGE);
  return { ok: true, message, version: (previous.version ?? 0) + 1 };
}

export async function createSourceAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const parsed = createSourceSchema.safeParse({ name: field(formData, "name"), format: field(formData, "format") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  try {
    const { db } = await getDb();
    await createSource(db, { claims: session.claims, workspaceId: session.workspace.id, input: parsed.data });
  } catch (error) {
    return failed(error);
  }
  return done(previous, `Created “${parsed.data.name}”. Copy its endpoint URL and secret into your CRM.`);
}

export async function rotateSecretAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const sourceId = sourceIdSchema.safeParse(field(formData, "sourceId"));
  if (!sourceId.success) return { ok: false, error: "Unknown webhook source" };
  try {
    const { db } = await getDb();
    await rotateSourceSecret(db, { claims: session.claims, workspaceId: session.workspace.id, sourceId: sourceId.data, now: new Date() });
  } catch (error) {
    return failed(error);
  }
  return done(previous, "New secret created. The previous one keeps working for 24 hours.");
}

export async function updateSupabaseMappingAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const sourceId = sourceIdSchema.safeParse(field(formData, "sourceId"));
  if (!sourceId.success) return { ok: false, error: "Unknown webhook source" };
  const parsed = parseSupabaseMappingForm({
    tables: field(formData, "tables"),
    idColumn: field(formData, "idColumn"),
    ownerColumn: field(formData, "ownerColumn"),
    stageColumn: field(formData, "stageColumn"),
    eventTimeColumn: field(formData, "eventTimeColumn"),
  });
  if (!parsed.ok) return { ok: false, error: "Check the highlighted fields.", fieldErrors: parsed.fieldErrors, version: previous.version };
  try {
    const { db } = await getDb();
    await updateSupabaseMapping(db, { claims: session.claims, workspaceId: session.workspace.id, sourceId: sourceId.data, mapping: parsed.mapping, now: new Date() });
  } catch (error) {
    return failed(error);
  }
  return done(previous, parsed.mapping.columns.eventTime ? "Mapping saved." : "Mapping saved. Without an event time column, deliveries are not deduplicated.");
}

export async function setSourceActiveAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const sourceId = sourceIdSchema.safeParse(field(formData, "sourceId"));
  if (!sourceId.success) return { ok: false, error: "Unknown webhook source" };
  const isActive = field(formData, "isActive") === "true";
  try {
    const { db } = await getDb();
    await setSourceActive(db, { claims: session.claims, workspaceId: session.workspace.id, sourceId: sourceId.data, isActive, now: new Date() });
  } catch (error) {
    return failed(error);
  }
  return done(previous, isActive ? "Source enabled." : "Source disabled: deliveries are refused with 403.");
}

export async function deleteSourceAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const sourceId = sourceIdSchema.safeParse(field(formData, "sourceId"));
  if (!sourceId.success) return { ok: false, error: "Unknown webhook source" };
  let name: string;
  try {
    const { db } = await getDb();
    ({ name } = await deleteSource(db, { claims: session.claims, workspaceId: session.workspace.id, sourceId: sourceId.data }));
  } catch (error) {
    return failed(error);
  }
  return done(previous, `Deleted “${name}”.`);
}

export async function sendTestEventAction(previous: SourceActionState, formData: FormData): Promise<SourceActionState> {
  const session = await requireAdmin();
  const sourceId = sourceIdSchema.safeParse(field(formData, "sourceId"));
  if (!sourceId.success) return { ok: false, error: "Unknown webhook source" };
  let message: string;
  try {
    const { db } = await getDb();
    const result = await sendTestEvent(db, {
      claims: session.claims,
      workspaceId: session.workspace.id,
      sourceId: sourceId.data,
      userId: session.user.id,
      userEmail: session.user.email,
      now: new Date(),
    });
    if (result.status !== 200) {
      revalidatePath(PAGE);
      return { ok: false, error: `The test event was refused (${result.status}): ${result.error ?? "no details"}`, version: (previous.version ?? 0) + 1 };
    }
    const runs = result.runs.map((run) => `${run.automationName ?? "an automation"} ${run.status}`);
    message =
      runs.length === 0
        ? "Test event accepted (200). No automation is triggered by a deal moving to Negotiation."
        : `Test event accepted (200): ${runs.join("; ")}. Emails and outbound webhooks are not sent for test events.`;
  } catch (error) {
    if (error instanceof AppError) return failed(error);
    logUnexpected("test event failed", error);
    return { ok: false, error: "Could not process the test event. Please try again." };
  }
  return done(previous, message);
}
