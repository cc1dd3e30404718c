import { env } from "@/lib/env";
import { openDb } from "@/db/client";

try {
  env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// `next build` loads this file while collecting page data: the database is opened only when serving.
if (process.env.NEXT_PHASE !== "phase-production-build") {
  await openDb().catch((error: Error) => {
    console.error(`Could not open the database: ${error.message}`);
    process.exit(1);
  });
}
