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

// By name, not instanceof: graphql ships CommonJS and ESM builds, and Yoga may load the other one.
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === "GraphQLError";
}

/** The same error at the wrapper's place in the response (path, locations), with the given message and extensions. */
function rewrap(wrapper: GraphQLError | null, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { nodes: wrapper?.nodes, source: wrapper?.source, positions: wrapper?.positions, path: wrapper?.path, extensions });
}

/**
 * Any error of a request → one with a code from the closed set. Errors of the request itself
 * (syntax, validation, limits, CSRF, body size) are BAD_USER_INPUT with their own message and HTTP
 * status; unknown errors are logged with their cause and answered with a generic message, never a
 * stack or an internal message.
 */
export function toApiError(error: unknown): GraphQLError {
  const wrapper = isGraphQLError(error) ? error : null;
  const original: unknown = wrapper?.originalError ?? error;
  if (isGraphQLError(original) && isApiErrorCode(original.extensions?.code)) {
    return original === wrapper ? wrapper : rewrap(wrapper, original.message, { ...original.extensions });
  }
  if (original instanceof AppError) {
    const mapped = fromAppError(original);
    if (mapped) return rewrap(wrapper, mapped.message, { ...mapped.extensions });
  }
  // graphql's own errors (syntax, validation, variable coercion, a scalar's parse) are the request's fault.
  if (wrapper && (!wrapper.originalError || isGraphQLError(wrapper.originalError))) {
    const status = (wrapper.extensions?.http as { status?: number } | undefined)?.status ?? 400;
    if (status < 500) return rewrap(wrapper, wrapper.message, { ...wrapper.extensions, code: "BAD_USER_INPUT" });
  }
  if (isUnavailable(original)) {
    console.error("graphql: database unavailable", original);
    return rewrap(wrapper, "The service is temporarily unavailable. Try again shortly.", { code: "UNAVAILABLE", http: { status: 503 } });
  }
  console.error("graphql: unexpected error", original);
  return rewrap(wrapper, "Something went wrong.", { code: "INTERNAL" });
}

function fromAppError(error: AppError): GraphQLError | null {
  switch (error.code) {
    case "not_found":
      return apiError("NOT_FOUND", error.message);
    case "invalid_input":
    case "conflict":
      return badInput([{ path: ["input"], message: error.message }], error.message);
    case "unauthenticated":
    case "forbidden":
      return apiError("UNAUTHENTICATED", error.message);
    case "rate_limited":
      return apiError("RATE_LIMITED", error.message);
    default:
      return null;
  }
}
