// The answers for a delivery that failed on our side: the database could not take it in time (503,
// Retry-After), an unexpected error (500), or the sender went away mid-body (499, its own doing).
// Either of the first two may come after the event committed (the reply was lost, or the deadline
// passed while the write was in flight), so neither says "nothing was recorded".
import { isUnavailable } from "@/db/faults";
import { ClientWentAway } from "./read-body";

export const RETRY_AFTER_S = 5;

export const UNAVAILABLE_ERROR =
  "The database could not take the event in time; it may have been recorded. Retry later: retrying with the same webhook-id is safe";
export const INTERNAL_ERROR = "Internal error while processing the event; it may have been recorded, and retrying with the same webhook-id is safe";
export const CLIENT_WENT_AWAY = "Client went away before the body was complete";
/** nginx's "client closed request": what the delivery log shows for a sender that disconnected. */
export const CLIENT_CLOSED_STATUS = 499;

export type FailureKind = "unavailable" | "internal" | "client_went_away";

export function failureKind(error: unknown): FailureKind {
  if (error instanceof ClientWentAway) return "client_went_away";
  return isUnavailable(error) ? "unavailable" : "internal";
}

export const FAILURE_ANSWERS: Record<FailureKind, { status: number; error: string; code: string; headers?: Record<string, string> }> = {
  unavailable: { status: 503, error: UNAVAILABLE_ERROR, code: "unavailable", headers: { "retry-after": String(RETRY_AFTER_S) } },
  internal: { status: 500, error: INTERNAL_ERROR, code: "internal" },
  client_went_away: { status: CLIENT_CLOSED_STATUS, error: CLIENT_WENT_AWAY, code: "client_went_away" },
};

export function failureResponse(kind: FailureKind): Response {
  const answer = FAILURE_ANSWERS[kind];
  return Response.json(
    { error: answer.error, code: answer.code },
    { status: answer.status, headers: { "cache-control": "no-store", ...answer.headers } },
  );
}
