// Why an inbound delivery was refused: an AppError (its code fixes the HTTP status in one place,
// lib/result.ts) plus a stable machine-readable reason that the delivery log and the sender see.

import { AppError, type AppErrorCode } from "@/lib/result";
import type { PayloadIssue } from "./adapters/types";
import { capEcho } from "./echo";

export type RejectionReason =
  | "unknown_source"
  | "source_disabled"
  | "unsupported_media_type"
  | "payload_too_large"
  | "missing_signature_headers"
  | "invalid_webhook_id"
  | "timestamp_out_of_tolerance"
  | "invalid_signature"
  | "missing_authorization"
  | "invalid_authorization"
  | "missing_basic_credentials"
  | "invalid_basic_credentials"
  | "invalid_encoding"
  | "too_deep"
  | "invalid_json"
  | "invalid_payload";

/** Issues kept per rejection (the answer and the log line): enough to fix a payload, not a flood. */
const MAX_ISSUES = 50;

export class WebhookRejection extends AppError {
  /** The issues, each path and message capped like the message (MAX_ECHO_CHARS). */
  readonly issues?: PayloadIssue[];

  constructor(
    code: AppErrorCode,
    readonly reason: RejectionReason,
    message: string,
    issues?: PayloadIssue[],
    /** The first bytes received, when the body was only partly read (413): the log's snippet. */
    readonly partialBody?: Uint8Array,
  ) {
    super(code, capEcho(message));
    this.name = "WebhookRejection";
    this.issues = issues?.slice(0, MAX_ISSUES).map((issue) => ({ path: capEcho(issue.path), message: capEcho(issue.message) }));
  }

  /** The message with the first issues, for the delivery log, whose table shows one line per delivery. */
  logReason(): string {
    if (!this.issues || this.issues.length === 0) return this.message;
    const shown = this.issues.slice(0, 3).map((issue) => issue.message).join("; ");
    return capEcho(`${this.message}: ${shown}${this.issues.length > 3 ? ` (and ${this.issues.length - 3} more)` : ""}`);
  }
}
