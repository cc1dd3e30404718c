// For the sender crash test: claims due outbox rows as a sender would, prints their ids, then hangs
// before sending anything, so the test can SIGKILL it between claiming and sending.
// Usage: tsx test/outbox-claim-and-hang.ts <database url> <lease ms>
import { createDb } from "@/db/client";
import { claimDue } from "@/lib/outbox/claim-due";

const [url, leaseMs] = process.argv.slice(2);
const handle = await createDb({ databaseUrl: url, migrate: false, maxConnections: 1 });
const rows = await claimDue(handle.db, { now: new Date(), leaseMs: Number(leaseMs), limit: 100, worker: "doomed" });
process.stdout.write(`${JSON.stringify(rows.map((row) => row.id))}\n`);
setInterval(() => {}, 60_000);
