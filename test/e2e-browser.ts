// Which Chromium the end-to-end specs drive, in this order: CHROMIUM_PATH if set; the one packaged
// in the npm dependency @sparticuz/chromium if E2E_BROWSER=bundled; a system Chromium if one is
// installed; else the packaged one. So `npm install` alone is enough to run the specs.
import fs from "node:fs";

export interface E2EBrowser {
  executablePath: string;
  source: string;
}

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export async function resolveE2EBrowser(env: Record<string, string | undefined> = process.env): Promise<E2EBrowser> {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`);
    return { executablePath: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  }
  if (env.E2E_BROWSER && env.E2E_BROWSER !== "bundled") {
    throw new Error(`E2E_BROWSER must be "bundled" or unset (got "${env.E2E_BROWSER}")`);
  }
  if (env.E2E_BROWSER !== "bundled") {
    const system = SYSTEM_CHROMIUMS.find((candidate) => fs.existsSync(candidate));
    if (system) return { executablePath: system, source: "the system's Chromium" };
  }
  return bundledBrowser();
}

async function bundledBrowser(): Promise<E2EBrowser> {
  const { default: chromium } = await import("@sparticuz/chromium");
  // Unpacks the compressed headless Chromium into the temp directory (once; later calls reuse it).
  const executablePath = await chromium.executablePath();
  return { executablePath, source: "the Chromium packaged in @sparticuz/chromium (npm)" };
}
