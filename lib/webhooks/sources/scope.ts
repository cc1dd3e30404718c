import type { UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";

/** Who acts and where: both from the session. Row-level security lets only admins through. */
export type SourceScope = { claims: UserClaims; workspaceId: string };

export function sourceNotFound(): AppError {
  return new AppError("not_found", "Webhook source not found");
}
