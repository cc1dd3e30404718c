import { PG, pgErrorCode, pgErrorMessage } from "@/lib/auth/pg-error";
import { AppError } from "@/lib/result";

export const LAST_ADMIN =
  "A workspace must keep at least one admin. Make another member an admin first.";

/**
 * The database's refusals, said so a person can act on them: the last-admin trigger, a CRM user id
 * already taken in this workspace, a duplicate membership, and row-level security.
 */
export function memberErrorFromDb(error: unknown, crmUserId?: string | null): unknown {
  const code = pgErrorCode(error);
  if (code === PG.checkViolation && /at least one admin/.test(pgErrorMessage(error) ?? "")) {
    return new AppError("conflict", LAST_ADMIN, undefined, { cause: error });
  }
  if (code === PG.uniqueViolation) {
    // Both drivers name the constraint in the message.
    if (/workspace_members_crm_user_id_key/.test(pgErrorMessage(error) ?? "")) {
      const text = `CRM user id "${crmUserId}" already belongs to another member.`;
      return new AppError("conflict", text, { crmUserId: text }, { cause: error });
    }
    return new AppError("conflict", "That person is already a member of this workspace.", { email: "Already a member" }, { cause: error });
  }
  if (code === PG.insufficientPrivilege) {
    return new AppError("forbidden", "Only admins of this workspace can manage its members.", undefined, { cause: error });
  }
  return error;
}
