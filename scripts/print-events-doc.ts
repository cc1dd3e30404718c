// npm run docs:events: rewrites docs/events.md from the field catalog and the trigger registry.
import fs from "node:fs";
import { EVENTS_DOC_FILE, renderEventsReference } from "@/lib/webhooks/events-reference";

fs.writeFileSync(EVENTS_DOC_FILE, renderEventsReference());
console.log(`wrote ${EVENTS_DOC_FILE}`);
