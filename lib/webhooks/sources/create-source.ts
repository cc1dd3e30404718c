import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { PG, pgErrorCode } from "@/lib/auth/pg-error";
import { AppError } from "@/lib/result";
import { generateBasicUsername, generateSourceSecret } from "../secrets";
import type { CreateSourceInput } from "./schemas";
import type { SourceScope } from "./scope";

/**
 * A new source with a fresh secret for its format (row-level security: admins only); a Pipedrive
 * source also gets its HTTP Basic user name.
 */
export async function createSource(db: Db, params: SourceScope & { input: CreateSourceInput }): Promise<{ id: string }> {
  try {
    return await withUser(db, params.claims, async (tx) => {
      const [row] = await tx
        .insert(webhookSources)
        .values({
          workspaceId: params.workspaceId,
          name: params.input.name,
          format: params.input.format,
          secret: generateSourceSecret(params.input.format),
          basicUsername: params.input.format === "pipedrive" ? generateBasicUsername() : null,
        })
        .returning({ id: webhookSources.id });
      return row;
    });
  } catch (error) {
    if (pgErrorCode(error) === PG.insufficientPrivilege) throw new AppError("forbidden", "Only admins of this workspace can add webhook sources", undefined, { cause: error });
    throw error;
  }
}
