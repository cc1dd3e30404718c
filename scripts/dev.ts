// npm run dev: the app on http://localhost:$PORT. On the embedded database the demo workspace is
// seeded on first start (when DATA_DIR holds no database yet), with a demo history of past runs.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { EnvError, env } from "@/lib/env";
import { seedDemo } from "@/lib/seed/seed-demo";
import { appBaseUrl } from "@/lib/app-url";
import { execNext } from "./run";

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
    console.log(`First start: seeded the demo workspace and its demo history in ${config.DATA_DIR}.`);
    for (const user of result.users) console.log(`  ${user.role.padEnd(6)} ${user.email} / ${user.password}`);
  } catch (error) {
    console.error(`Could not prepare the database: ${(error as Error).message}`);
    process.exit(1);
  }
}

execNext(["dev", "-p", String(config.PORT), ...process.argv.slice(2)], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
