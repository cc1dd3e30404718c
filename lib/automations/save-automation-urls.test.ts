// The server's check of webhook URLs at save time, after the shared schema: private targets always,
// http:// in production unless OUTBOUND_ALLOW_HTTP=1, hosts in OUTBOUND_ALLOW_HOSTS excepted.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { parseAutomationInput } from "./save-automation";
import { automationForm } from "./test-inputs";

const SAVED_ENV = { ...process.env };

function withWebhooks(...urls: string[]) {
  return { ...automationForm(), actions: urls.map((url) => ({ type: "send_webhook", config: { url, headers: [] } })) };
}

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

describe("webhook URLs at save time", () => {
  afterEach(() => {
    process.env = { ...SAVED_ENV };
    resetEnvCache();
  });

  it("refuses private and local targets at actions.N.config.url", () => {
    setEnv({ OUTBOUND_ALLOW_HOSTS: undefined });
    const result = parseAutomationInput(withWebhooks("https://example.com/ok", "http://169.254.169.254/latest", "http://localhost:3000/x", "http://[::1]/"));
    expect(result).toMatchObject({ ok: false, error: "Please correct the highlighted fields." });
    expect(!result.ok && result.fieldErrors).toEqual({
      "actions.1.config.url": "This address is private, loopback or reserved: webhooks can only go to public addresses",
      "actions.2.config.url": "This host name is local: webhooks can only go to public addresses",
      "actions.3.config.url": "This address is private, loopback or reserved: webhooks can only go to public addresses",
    });
  });

  it("lets the hosts in OUTBOUND_ALLOW_HOSTS through", () => {
    setEnv({ OUTBOUND_ALLOW_HOSTS: "localhost, receiver.internal" });
    expect(parseAutomationInput(withWebhooks("http://localhost:3000/x", "https://receiver.internal/hook")).ok).toBe(true);
  });

  it("refuses http:// in production unless OUTBOUND_ALLOW_HTTP=1", () => {
    setEnv({ NODE_ENV: "production", OUTBOUND_ALLOW_HTTP: undefined, AUTH_SECRET: "x".repeat(40) });
    const refused = parseAutomationInput(withWebhooks("http://example.com/hook"));
    expect(!refused.ok && refused.fieldErrors).toEqual({ "actions.0.config.url": "Webhooks must use https:// (set OUTBOUND_ALLOW_HTTP=1 to allow http://)" });
    expect(parseAutomationInput(withWebhooks("https://example.com/hook")).ok).toBe(true);
    setEnv({ OUTBOUND_ALLOW_HTTP: "1" });
    expect(parseAutomationInput(withWebhooks("http://example.com/hook")).ok).toBe(true);
  });
});
