// `npm run --silent token:create` as a user runs it: a real process on an embedded database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import { runScript } from "@/test/run-script";

function tokenCreate(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "development" };
  delete env.DATABASE_URL;
  return runScript("scripts/token-create.ts", args, env);
}

describe("npm run token:create", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-token-cli-"));
  const email = "cli-user@example.test";

  beforeAll(async () => {
    const handle = await createDb({ dataDir });
    const user = await createUser(handle.db, { email, passwordHash: null });
    await createWorkspace(handle.db, { name: "CLI", adminId: user.id });
    await handle.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("prints one token alone on one line", async () => {
    const outcome = await tokenCreate(dataDir, ["--email", email, "--name", "ci"]);
    expect(outcome).toMatchObject({ code: 0, stdout: expect.stringMatching(/^cra_[A-Za-z0-9_-]{43}\n$/) });
  });

  it("refuses an unknown email or a missing --email with exit code 1", async () => {
    expect(await tokenCreate(dataDir, ["--email", "nobody@example.test"])).toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining("no user has the email nobody@example.test") });
    expect(await tokenCreate(dataDir, [])).toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining("--email is required") });
    expect(await tokenCreate(dataDir, ["--email", email, "--workspace", crypto.randomUUID()])).toMatchObject({ code: 1, stderr: expect.stringContaining("is not a member of workspace") });
  });

  it("refuses while another process holds the embedded database, pointing at the settings page", async () => {
    const holder = await createDb({ dataDir, migrate: false });
    try {
      const outcome = await tokenCreate(dataDir, ["--email", email]);
      expect(outcome).toMatchObject({ code: 1, stdout: "", stderr: expect.stringMatching(/in use by process \d+.*\/settings\/api-tokens/s) });
    } finally {
      await holder.close();
    }
  });
});
