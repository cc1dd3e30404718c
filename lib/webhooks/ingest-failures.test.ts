// Failures on our side of the webhook route, on both drivers: a sender that goes away mid-body, a
// database error while loading the source, and query errors printed by anyone: each gets the
// documented JSON or log line, and no query value reaches the log.
import { format, inspect } from "node:util";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { inboundDeliveries, webhookSources } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { logUnexpected } from "@/lib/auth/pg-error";
import { ingestWebhook } from "./ingest-webhook";
import { clearSourceCache } from "./load-source";
import { dealEvent, makeWebhookWorld, signedRequest, useRouteTestDb } from "./test-support";

const MARKER = "marker-never-logged-4f1c";

/** Every console line while `fn` runs, as Node would print it. */
async function captured(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (["error", "warn", "log", "info"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(format(...args))),
  );
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join("\n");
}

describe.each(TEST_DRIVERS)("webhook failures on our side on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("records a sender that went away mid-body as such (499), not as our failure, and logs nothing", async () => {
    const world = await makeWebhookWorld(db);
    const signed = signedRequest(world.source.id, dealEvent(), { secret: world.source.secret, id: "msg_gone" });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"type":"deal.'));
        controller.error(new Error("aborted"));
      },
    });
    const request = new Request(signed.url, { method: "POST", headers: signed.headers, body, duplex: "half" } as RequestInit);
    let status = 0;
    let answer: unknown;
    const log = await captured(async () => {
      const response = await ingestWebhook(db, { request, sourceId: world.source.id, now: new Date() });
      status = response.status;
      answer = await response.json();
    });
    expect(status).toBe(499);
    expect(answer).toEqual({ error: "Client went away before the body was complete", code: "client_went_away" });
    expect(log).toBe("");
    const rows = await db.select({ httpStatus: inboundDeliveries.httpStatus, reason: inboundDeliveries.reason }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(rows).toEqual([{ httpStatus: 499, reason: "Client went away before the body was complete" }]);
  });

  it("answers the documented JSON when loading the source fails, and logs the delivery against the source last read", async () => {
    const world = await makeWebhookWorld(db);
    const deliver = () => ingestWebhook(db, { request: signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }), sourceId: world.source.id, now: new Date() });
    expect((await deliver()).status).toBe(200);
    // The source's table renamed away: the next read fails with a database error (42P01).
    await db.execute(sql.raw("alter table webhook_sources rename to webhook_sources_away"));
    let response: Response | undefined;
    const log = await captured(async () => {
      clearSourceCache();
      response = await deliver();
    });
    await db.execute(sql.raw("alter table webhook_sources_away rename to webhook_sources"));
    expect(response!.status).toBe(500);
    expect(await response!.json()).toEqual({
      error: "Internal error while processing the event; it may have been recorded, and retrying with the same webhook-id is safe",
      code: "internal",
    });
    expect(log).toContain("42P01");
    const rows = await db.select({ httpStatus: inboundDeliveries.httpStatus }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(rows.filter((r) => r.httpStatus === 500).length).toBeGreaterThan(0);
  });

  it("never prints a query's values, whoever prints the error", async () => {
    const handle = await createTestDb(driver);
    try {
      const error = await handle.db
        .insert(webhookSources)
        .values({ workspaceId: crypto.randomUUID(), name: MARKER, format: "native", secret: MARKER })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeDefined();
      const log = await captured(async () => {
        console.error(error);
        console.error("context", error);
        logUnexpected("context", error);
      });
      expect(log).toContain("23503");
      expect(log).not.toContain(MARKER);
      expect(inspect(error, { depth: 10 })).not.toContain(MARKER);
      expect(String((error as Error).stack)).not.toContain(MARKER);
    } finally {
      await handle.close();
    }
  });
});
