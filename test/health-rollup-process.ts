// For the health rollup's two-process test: waits until the given start time (so two processes
// begin together), runs one rollup round as of `now`, and prints its result as JSON.
// Usage: tsx test/health-rollup-process.ts <database url> <now ISO> <start epoch ms>
import { createDb } from "@/db/client";
import { rollUpHealth } from "@/lib/runs/health-rollup";

const [url, now, startAt] = process.argv.slice(2);
const handle = await createDb({ databaseUrl: url, migrate: false, maxConnections: 1 });
await handle.db.execute("select 1");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const result = await rollUpHealth(handle.db, { now: new Date(now) });
process.stdout.write(`${JSON.stringify(result)}\n`);
await handle.close();
