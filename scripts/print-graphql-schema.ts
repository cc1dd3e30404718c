// npx tsx scripts/print-graphql-schema.ts: rewrites docs/schema.graphql from the server's schema.
import fs from "node:fs";
import { printApiSchema, SCHEMA_FILE } from "@/lib/graphql/print-schema";

fs.writeFileSync(SCHEMA_FILE, printApiSchema());
console.log(`wrote ${SCHEMA_FILE}`);
