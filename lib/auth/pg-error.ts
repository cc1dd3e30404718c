import { pgErrorCode } from "@/db/pg-error";
import { describeDbError, faultCode } from "@/db/faults";
import { redactQueryError } from "@/db/guard-queries";

export { pgErrorCode };

/** The driver's own message (never drizzle's wrapper, whose text lists the query's parameters). */
export function pgErrorMessage(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as { code?: unknown }).code === "string") return String((e as { message?: unknown }).message ?? "");
  }
  return undefined;
}

export const PG = {
  uniqueViolation: "23505",
  checkViolation: "23514",
  foreignKeyViolation: "23503",
  insufficientPrivilege: "42501",
} as const;

/**
 * Logs an unexpected error with its cause but never a query's values (emails, hashes, payloads):
 * a database or connection error as one line with its code, anything else with its stack.
 */
export function logUnexpected(context: string, error: unknown): void {
  if (faultCode(error)) console.error(`${context}: database error ${describeDbError(error)}`);
  else console.error(`${context}:`, redactQueryError(error));
}
