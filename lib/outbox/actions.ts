"use server";
// Server actions for outbound delivery: resend a failed delivery, rotate the outbound secret.
// (A "use server" file exports async functions only.)

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/result";
import { rotateOutboundSecret } from "./outbound-secret";
import { resendDelivery } from "./resend-delivery";
import { kickAfterResponse } from "./kick-after-response";

const outboxIdSchema = z.coerce.number().int().positive();

export async function resendDeliveryAction(outboxId: unknown): Promise<ActionResult> {
  const session = await requireSession();
  const parsed = outboxIdSchema.safeParse(outboxId);
  if (!parsed.success) return { ok: false, error: "Delivery not found" };
  try {
    const { db } = await getDb();
    const { runId } = await resendDelivery(db, session.claims, { workspaceId: session.workspace.id, outboxId: parsed.data, now: new Date() });
    kickAfterResponse();
    if (runId) revalidatePath(`/settings/logs/${runId}`);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function rotateOutboundSecretAction(): Promise<ActionResult> {
  const session = await requireSession();
  if (session.workspace.role !== "admin") return { ok: false, error: "Only an admin can rotate the outbound secret" };
  try {
    const { db } = await getDb();
    await rotateOutboundSecret(db, session.claims, session.workspace.id);
    revalidatePath("/settings/webhooks");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
