// One attempt at an outbound webhook: a JSON POST signed with the workspace's Standard Webhooks
// secret, `webhook-id` fixed per delivery, through the SSRF-guarded client, no redirects followed,
// and an outcome by the rules: 2xx delivered; 408, 429, 5xx, timeouts and connection
// errors retried; 3xx, 410 and every other 4xx (and a refused address) failed for good.

import { request, type Dispatcher } from "undici";
import { Webhook } from "standardwebhooks";
import { BlockedAddressError } from "./safe-dispatcher";
import { parseRetryAfter } from "./retry-schedule";
import { readSnippet } from "./snippet";
import type { AttemptResult } from "./types";

export type WebhookPayload = {
  url: string;
  headers?: { name: string; value: string }[];
  body: unknown;
};

export type DeliverWebhookParams = {
  payload: WebhookPayload;
  messageId: string;
  secret: string;
  now: Date;
  dispatcher: Dispatcher;
  timeoutMs: number;
};

const RESERVED_HEADERS = new Set(["content-type", "webhook-id", "webhook-timestamp", "webhook-signature", "host", "content-length"]);

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function describeStatus(status: number): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `The receiver answered ${status} (a redirect, which is not followed)`;
  if (status === 410) return "The receiver answered 410 Gone: it no longer accepts this webhook";
  return `The receiver answered ${status}`;
}

export function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof BlockedAddressError) return `Refused: ${error.message}`;
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError" || err.code === "UND_ERR_HEADERS_TIMEOUT" || err.code === "UND_ERR_BODY_TIMEOUT") {
    return `No answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const code = err.code ?? err.cause?.code;
  return `Could not connect: ${code ?? err.message ?? "connection error"}`;
}

export function signedHeaders(params: Pick<DeliverWebhookParams, "messageId" | "secret" | "now" | "payload">, body: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of params.payload.headers ?? []) {
    if (!RESERVED_HEADERS.has(header.name.toLowerCase())) headers[header.name] = header.value;
  }
  headers["content-type"] = "application/json";
  headers["webhook-id"] = params.messageId;
  headers["webhook-timestamp"] = String(Math.floor(params.now.getTime() / 1000));
  headers["webhook-signature"] = new Webhook(params.secret).sign(params.messageId, params.now, body);
  return headers;
}

export async function deliverWebhook(params: DeliverWebhookParams): Promise<AttemptResult> {
  const body = JSON.stringify(params.payload.body);
  const headers = signedHeaders(params, body);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await request(params.payload.url, {
      method: "POST",
      headers,
      body,
      dispatcher: params.dispatcher,
      signal: AbortSignal.timeout(params.timeoutMs),
      headersTimeout: params.timeoutMs,
      bodyTimeout: params.timeoutMs,
    });
    const snippet = await readSnippet(response.body);
    const status = response.statusCode;
    const retryAfter = response.headers["retry-after"];
    return {
      outcome: status >= 200 && status < 300 ? "delivered" : isRetryableStatus(status) ? "retry" : "failed",
      statusCode: status,
      error: describeStatus(status),
      snippet,
      latencyMs: latency(),
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, params.now),
    };
  } catch (error) {
    const blocked = error instanceof BlockedAddressError || (error as { cause?: unknown }).cause instanceof BlockedAddressError;
    return {
      outcome: blocked ? "failed" : "retry",
      statusCode: null,
      error: describeError(blocked && !(error instanceof BlockedAddressError) ? (error as { cause: unknown }).cause : error, params.timeoutMs),
      snippet: null,
      latencyMs: latency(),
      retryAfterMs: null,
    };
  }
}
