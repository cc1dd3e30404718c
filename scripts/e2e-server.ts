// Starts the end-to-end server: a fresh embedded database in E2E_DATA_DIR, seeded (the seed's JSON
// is written to <dir>/seed.json for the specs), then `next start` on PORT.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createDb } from "@/db/client";
import { seedDemo } from "@/lib/seed/seed-demo";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e");
const port = process.env.PORT ?? "3100";
const baseUrl = `http://127.0.0.1:${port}`;

fs.rmSync(dataDir, { recursive: true, force: true });
const handle = await createDb({ dataDir });
const seed = await seedDemo(handle.db, baseUrl);
await handle.close();
fs.writeFileSync(path.join(dataDir, "seed.json"), JSON.stringify(seed, null, 2));

const server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    // The specs run on the embedded database seeded above, even when the test run itself has
    // DATABASE_URL set for the integration tests.
    DATABASE_URL: "",
    DATA_DIR: dataDir,
    APP_URL: baseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    NODE_ENV: "production",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
