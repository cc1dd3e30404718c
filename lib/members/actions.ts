"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/config";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireAdmin } from "@/lib/auth/session";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { env } from "@/lib/env";
import { revokeInvitation } from "./invitations";
import { inviteMember } from "./invite-member";
import { removeMember } from "./remove-member";
import { changeCrmUserIdSchema, changeRoleSchema, crmUserIdSchema, invitationIdSchema, inviteMemberSchema, removeMemberSchema } from "./schemas";
import type { MemberFormState } from "./types";
import { changeMemberCrmUserId, changeMemberRole } from "./update-member";
import { retryUnmappedOwnerRuns } from "@/lib/runs/problem-runs";

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

/** The app's public address for links in emails (APP_URL, else this server on localhost). */
function appUrl(): string {
  const { APP_URL, PORT } = env();
  return APP_URL ?? `http://localhost:${PORT}`;
}

/** The answer is the same whether or not the email has an account: nothing is looked up. */
export async function inviteMemberAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = inviteMemberSchema.safeParse(fields(formData, "email", "role"));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  try {
    const { db } = await getDb();
    const outcome = await inviteMember(db, {
      ...parsed.data,
      claims: session.claims,
      workspaceId: session.workspace.id,
      workspaceName: session.workspace.name,
      appUrl: appUrl(),
    });
    if (outcome === "already_invited") return succeeded(previous, `${parsed.data.email} already has a pending invitation.`);
  } catch (error) {
    return failed(error);
  }
  return succeeded(previous, `Invited ${parsed.data.email} as ${parsed.data.role}. They accept after signing in (or signing up) with that email.`);
}

export async function revokeInvitationAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = invitationIdSchema.safeParse(fields(formData, "invitationId").invitationId);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  try {
    const { db } = await getDb();
    const revoked = await revokeInvitation(db, { claims: session.claims, workspaceId: session.workspace.id, invitationId: parsed.data });
    if (!revoked) return { ok: false, error: "That invitation is no longer pending." };
  } catch (error) {
    return failed(error);
  }
  return succeeded(previous, "Invitation revoked.");
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
  const parsed = removeMemberSchema.safeParse(fields(formData, "userId", "reassignTo"));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  let reassigned = 0;
  try {
    const { db } = await getDb();
    const { reassignTo } = parsed.data;
    const to = reassignTo === "" ? null : reassignTo === "deal_owner" ? ({ kind: "deal_owner" } as const) : ({ kind: "member", userId: reassignTo } as const);
    ({ reassigned } = await removeMember(db, { userId: parsed.data.userId, reassignTo: to, claims: session.claims, workspaceId: session.workspace.id }));
  } catch (error) {
    return failed(error);
  }
  if (parsed.data.userId === session.user.id) redirect(DEFAULT_AFTER_SIGN_IN);
  revalidatePath("/settings/automations", "layout");
  return succeeded(previous, reassigned > 0 ? `Member removed. ${reassigned} ${reassigned === 1 ? "automation was" : "automations were"} reassigned.` : "Member removed.");
}

/** After a CRM user id was mapped: retries the runs that failed because nobody had it. */
export async function retryUnmappedRunsAction(previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireAdmin();
  const parsed = crmUserIdSchema.safeParse(fields(formData, "crmUserId").crmUserId);
  if (!parsed.success || !parsed.data) return { ok: false, error: "Which CRM user id? Open this from the notification." };
  try {
    const { db } = await getDb();
    const summary = await retryUnmappedOwnerRuns(db, session.claims, { workspaceId: session.workspace.id, crmUserId: parsed.data, now: new Date() });
    revalidatePath("/settings/logs", "layout");
    revalidatePath("/notifications");
    const failedWords = summary.failed > 0 ? `; ${summary.failed} failed again (see the logs)` : "";
    return succeeded(previous, `Retried ${summary.retried} ${summary.retried === 1 ? "run" : "runs"}: ${summary.succeeded} succeeded${failedWords}.`);
  } catch (error) {
    return failed(error);
  }
}
