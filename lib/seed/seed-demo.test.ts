import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createDb, type DbHandle } from "@/db/client";
import { authUsers, automationRuns, automations, webhookSources, workspaceMembers } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { acquireDataDirLock } from "@/db/lock";
import { verifyPassword } from "@/lib/auth/password";
import { seedDemo } from "./seed-demo";

const exec = promisify(execFile);

describe.each(TEST_DRIVERS)("demo seed on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("creates the demo workspace and is idempotent", async () => {
    const first = await seedDemo(handle.db, "http://localhost:3000");
    const second = await seedDemo(handle.db, "http://localhost:3000");
    expect(second.workspaceId).toBe(first.workspaceId);
    expect(second.sourceId).toBe(first.sourceId);
    expect(second.secret).toBe(first.secret);
    expect(second.users.map((u) => u.id)).toEqual(first.users.map((u) => u.id));
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(first.webhookUrl).toBe(`http://localhost:3000/api/webhooks/${first.sourceId}`);
    expect(first.users).toEqual([
      expect.objectContaining({ email: "admin@demo.test", role: "admin", crmUserId: "crm-admin" }),
      expect.objectContaining({ email: "member@demo.test", role: "member", crmUserId: "crm-member" }),
    ]);

    const members = await handle.db.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, first.workspaceId));
    expect(members.map((m) => [m.role, m.crmUserId]).sort()).toEqual([["admin", "crm-admin"], ["member", "crm-member"]]);
    const [{ n }] = await handle.db.select({ n: count() }).from(automations).where(eq(automations.workspaceId, first.workspaceId));
    expect(n).toBe(3);
    const [canonical] = await handle.db.select().from(automations).where(eq(automations.triggerType, "deal.stage_changed"));
    expect(canonical.trigger).toEqual({ type: "deal.stage_changed", to: "negotiation" });
    expect((canonical.actions as Array<{ type: string }>).map((a) => a.type)).toEqual(["create_activity", "notify_user"]);
    expect(canonical.isActive).toBe(true);
    const [source] = await handle.db.select().from(webhookSources).where(eq(webhookSources.id, first.sourceId));
    expect(source.format).toBe("native");
  });

  it("stores a password that verifies", async () => {
    const { users } = await seedDemo(handle.db, "http://localhost:3000");
    const [admin] = await handle.db.select().from(authUsers).where(eq(authUsers.id, users[0].id));
    expect(await verifyPassword("demo-password", admin.encryptedPassword)).toBe(true);
    expect(await verifyPassword("wrong-password", admin.encryptedPassword)).toBe(false);
  });
});

describe("npm run seed", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-seed-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: "3999" };

  it("prints exactly one JSON object with --json", async () => {
    const { stdout } = await exec("npm", ["run", "--silent", "seed", "--", "--json"], { env, timeout: 60_000 });
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result).sort()).toEqual(["secret", "sourceId", "users", "webhookUrl", "workspaceId"]);
    expect(result.webhookUrl).toBe(`http://localhost:3999/api/webhooks/${result.sourceId}`);
    expect(Object.keys(result.users[0]).sort()).toEqual(["crmUserId", "email", "id", "password", "role"]);
  });

  async function runsIn(workspaceId: string): Promise<string[]> {
    const handle = await createDb({ dataDir });
    try {
      const runs = await handle.db.select({ status: automationRuns.status }).from(automationRuns).where(eq(automationRuns.workspaceId, workspaceId));
      return runs.map((run) => run.status).sort();
    } finally {
      await handle.close();
    }
  }

  // Two seeds and two openings of the data directory: slow on a busy machine.
  it("writes the demo history, and with --empty prints the same JSON and leaves none", async () => {
    const seeded = JSON.parse((await exec("npm", ["run", "--silent", "seed", "--", "--json"], { env, timeout: 80_000 })).stdout);
    expect(await runsIn(seeded.workspaceId)).toEqual(["failed", "skipped", "succeeded", "succeeded", "succeeded", "succeeded"]);

    const { stdout } = await exec("npm", ["run", "--silent", "seed", "--", "--empty", "--json"], { env, timeout: 80_000 });
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result).sort()).toEqual(["secret", "sourceId", "users", "webhookUrl", "workspaceId"]);
    expect(result.workspaceId).toBe(seeded.workspaceId);
    expect(await runsIn(result.workspaceId)).toEqual([]);
  }, 180_000);

  it("refuses with a clear message while another process holds the data directory", async () => {
    // This test process holds the lock; the seed runs in a child process.
    const release = acquireDataDirLock(dataDir);
    try {
      const error = await exec("npm", ["run", "--silent", "seed", "--", "--json"], { env, timeout: 60_000 }).then(
        () => null,
        (e: { code: number; stderr: string; stdout: string }) => e,
      );
      expect(error?.code).toBe(1);
      expect(error?.stdout).toBe("");
      expect(error?.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      release();
    }
  });
});
