// npm run --silent token:create -- --email EMAIL [--name NAME] [--workspace ID]
// Prints one new API token for that user, alone on one line (docs/api.md).
import { parseArgs } from "node:util";
import { closeDb, openDb } from "@/db/client";
import { DataDirInUseError } from "@/db/lock";
import { createTokenForEmail, TokenCommandError } from "@/lib/api-tokens/create-token-for-email";

const USAGE = "usage: npm run --silent token:create -- --email EMAIL [--name NAME] [--workspace ID]";

function fail(message: string): never {
  console.error(`token:create: ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, workspace: { type: "string" } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (!args.email) fail(`--email is required\n${USAGE}`);

try {
  const { db } = await openDb();
  const created = await createTokenForEmail(db, { email: args.email, name: args.name, workspaceId: args.workspace });
  process.stdout.write(`${created.token}\n`);
  await closeDb();
} catch (error) {
  if (error instanceof TokenCommandError) fail(error.message);
  if (error instanceof DataDirInUseError) {
    fail(`${error.message}. While the server runs, create a token on its settings page (/settings/api-tokens) instead.`);
  }
  fail((error as Error).message);
}
