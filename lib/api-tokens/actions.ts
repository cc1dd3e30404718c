"use server";
// Personal API token actions for /settings/api-tokens: session first, the workspace from the
// session, then the domain function. Only async functions may be exported from this file.

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/next";
import { logUnexpected } from "@/lib/auth/pg-error";
import { requireSession } from "@/lib/auth/session";
import { AppError, fieldErrorsFromIssues, type ActionResult } from "@/lib/result";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";
import { createTokenInputSchema } from "./schemas";
import type { TokenActionState } from "./types";

const PAGE = "/settings/api-tokens";

export async function createApiTokenAction(previous: TokenActionState, formData: FormData): Promise<TokenActionState> {
  const session = await requireSession();
  const name = formData.get("name");
  const parsed = createTokenInputSchema.safeParse({ name: typeof name === "string" ? name : undefined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues), version: previous.version };
  try {
    const { db } = await getDb();
    const created = await createApiToken(db, { claims: session.claims, workspaceId: session.workspace.id, name: parsed.data.name });
    revalidatePath(PAGE);
    return { ok: true, created: { name: created.name, prefix: created.prefix, token: created.token }, version: (previous.version ?? 0) + 1 };
  } catch (error) {
    logUnexpected("create API token failed", error);
    return { ok: false, error: "Something went wrong. Please try again.", version: previous.version };
  }
}

export async function revokeApiTokenAction(id: string): Promise<ActionResult> {
  const session = await requireSession();
  try {
    const { db } = await getDb();
    await revokeApiToken(db, { claims: session.claims, workspaceId: session.workspace.id, id: String(id) });
    revalidatePath(PAGE);
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    logUnexpected("revoke API token failed", error);
    return { ok: false, error: "Something went wrong. Please try again." };
  }
}
