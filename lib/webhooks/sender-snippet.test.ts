// The Node sender in docs/webhooks.md runs as written: the block is taken from the doc, run by a
// real `node` process against the real route (behind a local HTTP server that answers the first
// attempt 503), and must retry with the same webhook-id and a fresh timestamp, then succeed; with
// a wrong secret it must stop at the final 401 without retrying. Both drivers.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { makeWebhookWorld, post, useRouteTestDb } from "./test-support";

function snippet(): string {
  const doc = fs.readFileSync("docs/webhooks.md", "utf8");
  const match = /<!-- sender-snippet -->\n```js\n([\s\S]*?)\n```/.exec(doc);
  if (!match) throw new Error("docs/webhooks.md has no <!-- sender-snippet --> block");
  return match[1];
}

type Seen = { id: string | undefined; timestamp: number; status: number };

describe.each(TEST_DRIVERS)("the documented Node sender on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const seen: Seen[] = [];
  let failFirst = false;
  let server: http.Server;
  let file: string;
  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sender-")), "send.mjs");
    fs.writeFileSync(file, snippet());
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const entry: Seen = { id: req.headers["webhook-id"] as string | undefined, timestamp: Number(req.headers["webhook-timestamp"]), status: 503 };
      seen.push(entry);
      if (failFirst && seen.length === 1) {
        res.writeHead(503, { "retry-after": "1", "content-type": "application/json" }).end('{"error":"busy","code":"unavailable"}');
        return;
      }
      const headers = Object.entries(req.headers).map(([name, value]) => [name, String(value)] as [string, string]);
      const answer = await post(new Request(`http://localhost${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
      entry.status = answer.status;
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  function run(sourceId: string, secret: string) {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/${sourceId}`;
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [file], { env: { PATH: process.env.PATH, NODE_ENV: "test", WEBHOOK_URL: url, WEBHOOK_SECRET: secret }, timeout: 30_000, encoding: "utf8" }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it("retries a 503 with the same id and a fresh signature, and the event runs", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(workspaceMembers).set({ crmUserId: "crm-member" }).where(and(eq(workspaceMembers.workspaceId, world.workspace.id), eq(workspaceMembers.userId, world.memberA.id)));
    seen.length = 0;
    failFirst = true;
    const result = await run(world.source.id, world.source.secret);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { eventId: string; duplicate: boolean; runs: Array<{ automationId: string; status: string }> };
    expect(answer).toMatchObject({ duplicate: false, runs: [{ automationId: world.automationId, status: "succeeded" }] });
    expect(seen.map((entry) => entry.status)).toEqual([503, 200]);
    expect(seen[1].id).toBe(seen[0].id);
    expect(seen[1].timestamp).toBeGreaterThan(seen[0].timestamp);
  }, 40_000);

  it("stops at a final 401 without retrying", async () => {
    const world = await makeWebhookWorld(db);
    seen.length = 0;
    failFirst = false;
    const result = await run(world.source.id, "whsec_" + Buffer.from("not the secret at all").toString("base64"));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("refused (401)");
    expect(seen).toHaveLength(1);
  }, 40_000);
});
