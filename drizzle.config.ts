import { defineConfig } from "drizzle-kit";

// `auth.ts` is left out: auth.users belongs to Supabase (or to the hand-written shim migration).
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./db/schema/workspaces.ts",
    "./db/schema/automations.ts",
    "./db/schema/webhooks.ts",
    "./db/schema/runs.ts",
    "./db/schema/effects.ts",
  ],
  out: "./drizzle",
});
