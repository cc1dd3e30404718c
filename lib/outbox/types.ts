// What one attempt at sending an outbox row came to, whatever its kind.

export type AttemptOutcome = "delivered" | "retry" | "failed" | "kept";

export type AttemptResult = {
  /** `kept`: an email stored in the mailbox because no SMTP server is configured. */
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  snippet: string | null;
  latencyMs: number;
  /** The receiver's Retry-After, in milliseconds; null when it gave none. */
  retryAfterMs: number | null;
};
