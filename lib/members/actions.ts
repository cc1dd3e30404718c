"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/config";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireAdmin } from "@/lib/auth/session";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { addMember } from "./add-member";
import { removeMember } from "./remove-member";
import { addMemberSchema, changeCrmUserIdSchema, changeRoleSchema, removeMemberSchema } from "./schemas";
import type { MemberFormState } from "./types";
import { changeMemberCrmUserId, changeMemberRole } from "./update-member";

const MEMBERS_PATH = "/settings/members";

function fields(formData: FormData, ...names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = formData.get(name);
    out[name] = typeof value === "string" ? value : undefined;
  }
  return out;
}

function failed(error: unknown): MemberFormState {
  if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  logUnexpected("member action failed", error);
  return { ok: false, error: "Something went wrong. Please try again." };
}

function succeeded(previous: MemberFormState, message: string): MemberFormState {
  revalidatePath(MEMBERS_PATH);
  return { ok: true, message, version: (previous.version ?? 0) + 1 };
}

export async function addMemberAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = addMemberSchema.safeParse(fields(formData, "email", "role", "crmUserId"));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  try {
    const { db } = await getDb();
    await addMember(db, { ...parsed.data, claims: session.claims, workspaceId: session.workspace.id });
  } catch (error) {
    return failed(error);
  }
  return succeeded(previous, `Added ${parsed.data.email} as ${parsed.data.role}.`);
}

export async function changeRoleAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = changeRoleSchema.safeParse(fields(formData, "userId", "role"));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  try {
    const { db } = await getDb();
    await changeMemberRole(db, { ...parsed.data, claims: session.claims, workspaceId: session.workspace.id });
  } catch (error) {
    return failed(error);
  }
  // Demoting yourself ends your access to this page.
  if (parsed.data.userId === session.user.id && parsed.data.role !== "admin") redirect(DEFAULT_AFTER_SIGN_IN);
  return succeeded(previous, `Role changed to ${parsed.data.role}.`);
}

export async function changeCrmUserIdAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = changeCrmUserIdSchema.safeParse(fields(formData, "userId", "crmUserId"));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  try {
    const { db } = await getDb();
    await changeMemberCrmUserId(db, { ...parsed.data, claims: session.claims, workspaceId: session.workspace.id });
  } catch (error) {
    return failed(error);
  }
  return succeeded(previous, parsed.data.crmUserId ? `CRM user id set to ${parsed.data.crmUserId}.` : "CRM user id cleared.");
}

export async function removeMemberAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = removeMemberSchema.safeParse(fields(formData, "userId"));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  try {
    const { db } = await getDb();
    await removeMember(db, { ...parsed.data, claims: session.claims, workspaceId: session.workspace.id });
  } catch (error) {
    return failed(error);
  }
  if (parsed.data.userId === session.user.id) redirect(DEFAULT_AFTER_SIGN_IN);
  return succeeded(previous, "Member removed.");
}
