// npm run docs:screenshot: refreshes docs/automations.png, the README's picture of the automations
// page, in the end-to-end browser. Needs the app running with the demo workspace (`npm run dev`);
// BASE_URL overrides http://localhost:3000.
import path from "node:path";
import { chromium } from "@playwright/test";
import { resolveE2EBrowser } from "@/test/e2e-browser";

const baseUrl = process.env.BASE_URL ?? "http://localhost:3000";
const out = path.resolve("docs/automations.png");

const { executablePath, source } = await resolveE2EBrowser();
console.log(`Browser: ${executablePath} (${source})`);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${baseUrl}/sign-in?next=/settings/automations`);
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/settings/automations");
  await page.getByRole("heading", { level: 1 }).waitFor();
  // The development server's own badge is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await page.screenshot({ path: out });
  console.log(`Wrote ${path.relative(process.cwd(), out)}`);
} catch (error) {
  console.error(`Could not take the screenshot (is the app running at ${baseUrl} with the demo workspace?): ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
