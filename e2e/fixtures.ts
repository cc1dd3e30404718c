import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export interface SeedJson {
  workspaceId: string;
  sourceId: string;
  webhookUrl: string;
  secret: string;
  users: Array<{ email: string; password: string; role: "admin" | "member"; id: string; crmUserId: string }>;
}

export const ADMIN_EMAIL = "admin@demo.test";
export const MEMBER_EMAIL = "member@demo.test";
export const DEMO_PASSWORD = "demo-password";
/** The cron endpoints' secret the e2e server runs with (scripts/e2e-server.ts). */
export const E2E_CRON_SECRET = process.env.CRON_SECRET ?? "e2e-cron-secret-e2e-cron-secret";

/** The demo workspace the e2e server was seeded with. */
export function seed(): SeedJson {
  const dir = process.env.E2E_DATA_DIR ?? ".data-e2e";
  return JSON.parse(fs.readFileSync(path.join(dir, "seed.json"), "utf8")) as SeedJson;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
