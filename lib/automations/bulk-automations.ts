// Activate, deactivate or delete several automations at once, in one transaction as the user:
// row-level security limits it to what they may change, and the count says how many it touched.

import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import type { AutomationScope } from "./scope";
import { activationValues } from "./set-automation-active";

export const BULK_LIMIT = 100;

export const bulkAutomationsSchema = z.object({
  action: z.enum(["activate", "deactivate", "delete"], { error: "Choose activate, deactivate or delete" }),
  ids: z
    .array(z.uuid({ error: "Not an automation" }), { error: "Select at least one automation" })
    .min(1, "Select at least one automation")
    .max(BULK_LIMIT, `Select at most ${BULK_LIMIT} automations at once`),
});

export type BulkAutomationsParams = AutomationScope & { input: unknown };

/** All or nothing: an id the user may not change (or that is gone) refuses the whole request. */
export async function bulkAutomations(db: Db, params: BulkAutomationsParams): Promise<{ count: number }> {
  const parsed = bulkAutomationsSchema.safeParse(params.input);
  if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues[0]?.message ?? "Select at least one automation");
  const ids = [...new Set(parsed.data.ids)];
  const where = and(eq(automations.workspaceId, params.workspaceId), inArray(automations.id, ids), isNull(automations.deletedAt));
  return withUser(db, params.claims, async (tx) => {
    const touched =
      parsed.data.action === "delete"
        ? // Deleting keeps the row, switched off, for its runs (lib/automations/delete-automation.ts).
          await tx.update(automations).set({ deletedAt: sql`now()`, isActive: false, updatedAt: sql`now()` }).where(where).returning({ id: automations.id })
        : await tx
            .update(automations)
            .set({ ...activationValues(parsed.data.action === "activate"), updatedAt: sql`now()` })
            .where(where)
            .returning({ id: automations.id });
    if (touched.length !== ids.length) {
      throw new AppError("not_found", "Some of the selected automations no longer exist or are not yours to change. Nothing was changed.");
    }
    return { count: touched.length };
  });
}
