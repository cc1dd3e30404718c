// npm run seed [-- --json] [-- --empty]: creates or refreshes the demo workspace and its demo
// history (replaced on every run; --empty leaves the workspace without one).
import { closeDb, openDb } from "@/db/client";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/seed/seed-demo";
import { appBaseUrl } from "@/lib/app-url";

const json = process.argv.includes("--json");
const empty = process.argv.includes("--empty");

try {
  const { db } = await openDb();
  const result = await seedDemo(db, appBaseUrl(env()), { history: !empty });
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(`Demo workspace ready (${result.workspaceId}), ${empty ? "without a demo history" : "with a demo history of past runs"}.`);
    for (const user of result.users) console.log(`  ${user.role.padEnd(6)} ${user.email} / ${user.password}`);
    console.log(`  webhook ${result.webhookUrl}`);
    console.log(`  secret  ${result.secret}`);
  }
  await closeDb();
} catch (error) {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
}
