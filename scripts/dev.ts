// npm run dev: the app on http://localhost:$PORT. On the embedded database the demo workspace is
// seeded on first start (when DATA_DIR holds no database yet).
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createDb } from "@/db/client";
import { EnvError, env } from "@/lib/env";
import { seedDemo } from "@/lib/seed/seed-demo";
import { appBaseUrl } from "./base-url";

let config;
try {
  config = env();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}

if (!config.DATABASE_URL && !fs.existsSync(path.join(config.DATA_DIR, "pglite", "PG_VERSION"))) {
  try {
    const handle = await createDb({ dataDir: config.DATA_DIR });
    const result = await seedDemo(handle.db, appBaseUrl(config));
    await handle.close();
    console.log(`First start: seeded the demo workspace in ${config.DATA_DIR}.`);
    for (const user of result.users) console.log(`  ${user.role.padEnd(6)} ${user.email} / ${user.password}`);
  } catch (error) {
    console.error(`Could not prepare the database: ${(error as Error).message}`);
    process.exit(1);
  }
}

const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "dev", "-p", String(config.PORT), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
