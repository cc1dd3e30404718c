// npm run seed [-- --json]: creates or refreshes the demo workspace.
import { closeDb, openDb } from "@/db/client";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/seed/seed-demo";
import { appBaseUrl } from "@/lib/app-url";

const json = process.argv.includes("--json");

try {
  const { db } = await openDb();
  const result = await seedDemo(db, appBaseUrl(env()));
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(`Demo workspace ready (${result.workspaceId}).`);
    for (const user of result.users) console.log(`  ${user.role.padEnd(6)} ${user.email} / ${user.password}`);
    console.log(`  webhook ${result.webhookUrl}`);
    console.log(`  secret  ${result.secret}`);
  }
  await closeDb();
} catch (error) {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
}
