/** What every server action returns: data, or an error a person can read with per-field messages. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const APP_ERROR_CODES = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

/** An error that is safe to show: its message is written for the user, its code maps to a status. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_CODES[this.code];
  }
}

/** Turns any thrown value into an ActionResult; unknown errors are logged and shown generically. */
export function toActionError(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  console.error("unexpected error in a server action", error);
  return { ok: false, error: "Something went wrong. Please try again." };
}

/** zod issues → { "actions.0.config.subject": "Subject is required" }, first message per path. */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}
