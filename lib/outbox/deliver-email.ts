// One attempt at an email: nodemailer over SMTP_URL, from MAIL_FROM, with a plain-text part and a
// simple HTML part in which everything (the rendered variables included) is escaped. A refusal
// (5xx) fails for good; a temporary refusal (4xx), a timeout or a dropped connection is retried.

import { createTransport } from "nodemailer";
import type { AttemptResult } from "./types";

export type EmailPayload = { to: string; subject: string; body: string };
export type Mailer = ReturnType<typeof createTransport>;

const SECOND = 1000;

export function createMailer(smtpUrl: string, timeoutMs = 10 * SECOND): Mailer {
  return createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function emailHtml(subject: string, body: string): string {
  const paragraphs = body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif">\n${paragraphs}\n</body></html>`;
}

export async function deliverEmail(mailer: Mailer, from: string, payload: EmailPayload): Promise<AttemptResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const info = await mailer.sendMail({ from, to: payload.to, subject: payload.subject, text: payload.body, html: emailHtml(payload.subject, payload.body) });
    return { outcome: "delivered", statusCode: 250, error: null, snippet: String(info.response ?? "").slice(0, 1024) || null, latencyMs: latency(), retryAfterMs: null };
  } catch (error) {
    const err = error as { responseCode?: number; response?: string; code?: string; message?: string };
    const permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
    const what = err.responseCode ? `The mail server refused the message (${err.responseCode})` : `Could not reach the mail server: ${err.code ?? err.message ?? "connection error"}`;
    return { outcome: permanent ? "failed" : "retry", statusCode: err.responseCode ?? null, error: what, snippet: err.response?.slice(0, 1024) ?? null, latencyMs: latency(), retryAfterMs: null };
  }
}
