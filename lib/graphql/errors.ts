// The API's error codes: a closed set, each GraphQL error carries exactly one in
// `extensions.code`. Domain errors (AppError) and database outages map onto it here, in one place.

import { GraphQLError } from "graphql";
import { AppError } from "@/lib/result";
import type { InputIssue } from "./input/origin";

export const API_ERROR_CODES = ["UNAUTHENTICATED", "NOT_FOUND", "BAD_USER_INPUT", "RATE_LIMITED", "UNAVAILABLE", "INTERNAL"] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };

export function apiError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  const http = { ...(status ? { status } : {}), ...(extensions.http as object | undefined) };
  return new GraphQLError(message, { extensions: { ...extensions, code, ...(Object.keys(http).length > 0 ? { http } : {}) } });
}

export function badInput(issues: InputIssue[], message = "The input is not valid: see extensions.issues."): GraphQLError {
  return apiError("BAD_USER_INPUT", message, { issues });
}

export const notFound = () => apiError("NOT_FOUND", "Automation not found");

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === "string" && (API_ERROR_CODES as readonly string[]).includes(value);
}

// postgres.js connection errors and the server's "cannot serve now" SQLSTATEs (class 08, 53, 57P0x).
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^(08|53)/.test(code) || code.startsWith("57P0"))) return true;
  }
  return false;
}

/**
 * Any error thrown by a resolver → one with a code from the closed set. Unknown errors are logged
 * with their cause and answered with a generic message: never a stack or an internal message.
 */
export function toApiError(error: unknown): GraphQLError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof GraphQLError && isApiErrorCode(original.extensions.code)) return original;
  if (error instanceof GraphQLError && isApiErrorCode(error.extensions.code)) return error;
  if (original instanceof AppError) {
    switch (original.code) {
      case "not_found":
        return apiError("NOT_FOUND", original.message);
      case "invalid_input":
      case "conflict":
        return badInput([{ path: ["input"], message: original.message }], original.message);
      case "unauthenticated":
      case "forbidden":
        return apiError("UNAUTHENTICATED", original.message);
      case "rate_limited":
        return apiError("RATE_LIMITED", original.message);
    }
  }
  if (isUnavailable(original)) {
    console.error("graphql: database unavailable", original);
    return apiError("UNAVAILABLE", "The service is temporarily unavailable. Try again shortly.");
  }
  console.error("graphql: unexpected error", original);
  return apiError("INTERNAL", "Something went wrong.");
}
