// Starts the end-to-end server: a fresh embedded database in E2E_DATA_DIR, seeded (the seed's JSON
// is written to <dir>/seed.json for the specs), then `next start` on PORT.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { seedDemo } from "@/lib/seed/seed-demo";
import { execNext } from "./run";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e");
const port = process.env.PORT ?? "3100";
const baseUrl = `http://127.0.0.1:${port}`;

fs.rmSync(dataDir, { recursive: true, force: true });
const handle = await createDb({ dataDir });
const seed = await seedDemo(handle.db, baseUrl);
await handle.close();
fs.writeFileSync(path.join(dataDir, "seed.json"), JSON.stringify(seed, null, 2));

execNext(["start", "-p", port, "-H", "127.0.0.1"], {
  ...process.env,
  // The specs run on the embedded database seeded above, even when the test run itself has
  // DATABASE_URL set for the integration tests.
  DATABASE_URL: "",
  DATA_DIR: dataDir,
  // E2E_APP_URL="" starts the server without APP_URL (the security spec's forged-host checks).
  APP_URL: process.env.E2E_APP_URL ?? baseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  // The specs call the cron endpoints (/api/cron/*) with this secret (e2e/fixtures.ts).
  CRON_SECRET: process.env.CRON_SECRET ?? "e2e-cron-secret-e2e-cron-secret",
  NODE_ENV: "production",
});
