import { lexicographicSortSchema, printSchema } from "graphql";
import { apiSchema } from "./schema";

export const SCHEMA_FILE = "docs/schema.graphql";

/** The committed SDL: sorted, so the file changes only when the schema does. */
export function printApiSchema(): string {
  return `# The automations API (POST /api/graphql). Generated: npx tsx scripts/print-graphql-schema.ts\n\n${printSchema(lexicographicSortSchema(apiSchema))}\n`;
}
