"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/next";
import { DEFAULT_AFTER_SIGN_IN, WORKSPACE_COOKIE } from "@/lib/auth/config";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireSession } from "@/lib/auth/session";
import { workspaceCookieOptions } from "@/lib/auth/session-cookie";
import { respondToInvitation } from "./invitations";
import { invitationIdSchema } from "./schemas";
import type { MemberFormState } from "./types";

const INVITATIONS_PATH = "/invitations";

/** The invitee accepts (and lands in the workspace) or declines one of their invitations. */
export async function respondToInvitationAction(_previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const session = await requireSession();
  const parsed = invitationIdSchema.safeParse(formData.get("invitationId"));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  const accept = formData.get("answer") === "accept";
  let workspaceId: string | null;
  try {
    const { db } = await getDb();
    workspaceId = await respondToInvitation(db, { claims: session.claims, invitationId: parsed.data, accept });
  } catch (error) {
    logUnexpected("answering an invitation failed", error);
    return { ok: false, error: "Something went wrong. Please try again." };
  }
  if (!workspaceId) return { ok: false, error: "This invitation is no longer pending." };
  if (!accept) {
    revalidatePath(INVITATIONS_PATH);
    return { ok: true, message: "Invitation declined." };
  }
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, workspaceCookieOptions());
  redirect(DEFAULT_AFTER_SIGN_IN);
}
