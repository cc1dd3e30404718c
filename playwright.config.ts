import { defineConfig } from "@playwright/test";
import { resolveE2EBrowser } from "./test/e2e-browser";

// One production build, one `next start` on a fresh seeded embedded database, Chromium (test/e2e-browser.ts).
// The browser is resolved and announced once, in the runner; its workers inherit CHROMIUM_PATH.
const browser = await resolveE2EBrowser();
if (!process.env.E2E_BROWSER_ANNOUNCED) {
  console.log(`End-to-end browser: ${browser.executablePath} (${browser.source})`);
  process.env.E2E_BROWSER_ANNOUNCED = "1";
  process.env.CHROMIUM_PATH = browser.executablePath;
}
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data-e2e";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    permissions: ["clipboard-read", "clipboard-write"],
  },
  // Issue 22: the phone project runs the phone checks and the editor specs at 390 × 844.
  projects: [
    { name: "desktop", testIgnore: /phone\.spec\.ts$/ },
    { name: "phone", use: { viewport: { width: 390, height: 844 } }, testMatch: /(phone|editor-numbers|editor-templates)\.spec\.ts$/ },
  ],
  webServer: {
    command: `npx tsx scripts/e2e-server.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), E2E_DATA_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
