import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveE2EBrowser } from "./e2e-browser";

describe("the end-to-end browser", () => {
  it("is CHROMIUM_PATH when set, before everything else", async () => {
    const browser = await resolveE2EBrowser({ CHROMIUM_PATH: process.execPath, E2E_BROWSER: "bundled" });
    expect(browser).toEqual({ executablePath: process.execPath, source: "CHROMIUM_PATH" });
  });

  it("refuses a CHROMIUM_PATH that does not exist, and an unknown E2E_BROWSER", async () => {
    await expect(resolveE2EBrowser({ CHROMIUM_PATH: "/nonexistent/chromium" })).rejects.toThrow(/does not exist/);
    await expect(resolveE2EBrowser({ E2E_BROWSER: "firefox" })).rejects.toThrow(/E2E_BROWSER must be "bundled"/);
  });

  it("is the one packaged in npm when E2E_BROWSER=bundled, even with a system Chromium", async () => {
    const browser = await resolveE2EBrowser({ E2E_BROWSER: "bundled" });
    expect(browser.source).toMatch(/@sparticuz\/chromium/);
    expect(fs.existsSync(browser.executablePath)).toBe(true);
  });
});
