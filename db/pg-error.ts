/**
 * The SQLSTATE of a database error, whichever driver raised it: drizzle wraps driver errors in a
 * DrizzleQueryError whose `cause` carries the code (postgres.js and PGlite both use `code`).
 */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
