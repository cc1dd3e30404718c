import { appUrlWarning } from "@/lib/app-url";
import { env, supabaseConfig } from "@/lib/env";
import { openDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { tuneGarbageCollector } from "@/lib/gc-tuning";

// `next build` loads this file while collecting page data: configuration is checked and the
// database opened only when serving.
if (process.env.NEXT_PHASE !== "phase-production-build") {
  tuneGarbageCollector();
  try {
    // Built-in accounts need AUTH_SECRET in production: refuse to start rather than fail every page.
    if (!supabaseConfig(env())) authSecret();
    const warning = appUrlWarning();
    if (warning) console.warn(warning);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  await openDb().catch((error: Error) => {
    console.error(`Could not open the database: ${error.message}`);
    process.exit(1);
  });
  // Execution history retention (RETENTION_DAYS): hourly, in-process, never during the build.
  const { startHistoryPruning } = await import("@/lib/runs/schedule-history-pruning");
  startHistoryPruning();
  // Outbound email and webhooks: sends what is due, retries, and rows left by a process that died.
  const { startOutboxSender } = await import("@/lib/outbox/sender");
  startOutboxSender();
  // Time-based triggers: a sweep every SCHEDULER_INTERVAL_MS (default a minute), one process at a time.
  const { startScheduler } = await import("@/lib/scheduler/start-scheduler");
  startScheduler();
  // The health chart's daily rollup: closed days in each workspace's time zone, one process at a time.
  const { startHealthRollup } = await import("@/lib/runs/schedule-health-rollup");
  startHealthRollup();
}
