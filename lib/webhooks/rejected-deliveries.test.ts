// Issue 20 item 7: anyone who knows a source id could write one delivery log row per request (3,000
// unsigned requests, 3,000 rows), each echoing the Content-Type header up to 8 KB, kept forever.
// Now: echoed text is capped at 200 characters, rejected deliveries past a few per second per
// source become one summary row a second, and pruning removes log lines older than RETENTION_DAYS.
import { afterEach, describe, expect, it, vi } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboundDeliveries } from "@/db/schema";
import { pruneHistory } from "@/lib/runs/prune-history";
import { TEST_DRIVERS } from "@/test/db";
import { flushRejectionSummaries } from "./ingest-webhook";
import { MAX_ECHO_CHARS } from "./limits";
import { RejectionSampler, REJECTION_BURST } from "./rejection-sampler";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "./test-support";

const unsigned = (sourceId: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request(`http://localhost/api/webhooks/${sourceId}`, { method: "POST", headers, body: "{}" });

function logOf(db: Db, sourceId: string) {
  return db
    .select({ reason: inboundDeliveries.reason, httpStatus: inboundDeliveries.httpStatus, details: inboundDeliveries.details })
    .from(inboundDeliveries)
    .where(eq(inboundDeliveries.sourceId, sourceId))
    .orderBy(asc(inboundDeliveries.id));
}

describe.each(TEST_DRIVERS)("rejected deliveries on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("caps the echoed Content-Type at 200 characters, in the answer and the log", async () => {
    const world = await makeWebhookWorld(db);
    const { status, body } = await post(unsigned(world.source.id, { "content-type": `text/${"x".repeat(8000)}` }));
    expect(status).toBe(415);
    expect((body.error as string).length).toBeLessThanOrEqual(MAX_ECHO_CHARS);
    expect(body.error).toMatch(/…$/);
    const [row] = await logOf(db, world.source.id);
    expect(row.reason!.length).toBeLessThanOrEqual(MAX_ECHO_CHARS);
  });

  it("logs a flood of 300 unsigned requests as a burst of rows plus one summary that counts the rest", async () => {
    const world = await makeWebhookWorld(db);
    for (let i = 0; i < 300; i++) {
      const { status } = await post(unsigned(world.source.id));
      expect(status).toBe(401);
    }
    await flushRejectionSummaries();
    const rows = await logOf(db, world.source.id);
    // The burst, whatever the bucket refilled while the loop ran (a few a second), and summaries.
    expect(rows.length).toBeLessThan(REJECTION_BURST + 40);
    const summaries = rows.filter((row) => (row.details as { suppressed?: number } | null)?.suppressed);
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    const counted = summaries.reduce((sum, row) => sum + (row.details as { suppressed: number }).suppressed, 0);
    expect(rows.length - summaries.length + counted).toBe(300);
    expect(summaries[0].reason).toMatch(/^\d+ more rejected deliveries \(.+\) were not logged one by one/);
    expect(summaries[0].httpStatus).toBe(401);
  });

  it("still logs every accepted delivery, and other sources' rejections, during a flood", async () => {
    const world = await makeWebhookWorld(db);
    const other = await makeWebhookWorld(db);
    for (let i = 0; i < 50; i++) await post(unsigned(world.source.id));
    await post(unsigned(other.source.id));
    const ok = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    expect(ok.status).toBe(200);
    await flushRejectionSummaries();
    expect(await logOf(db, other.source.id)).toHaveLength(1);
    const accepted = await db.select({ id: inboundDeliveries.id }).from(inboundDeliveries).where(eq(inboundDeliveries.outcome, "accepted"));
    expect(accepted.length).toBeGreaterThanOrEqual(1);
  });

  it("prunes delivery log lines older than the retention period, accepted or not", async () => {
    const world = await makeWebhookWorld(db);
    const now = new Date();
    const day = 86_400_000;
    const row = (daysAgo: number, outcome: "accepted" | "rejected") => ({
      workspaceId: world.workspace.id, sourceId: world.source.id, outcome, httpStatus: outcome === "accepted" ? 200 : 401, receivedAt: new Date(now.getTime() - daysAgo * day),
    });
    await db.insert(inboundDeliveries).values([row(31, "rejected"), row(40, "accepted"), row(29, "rejected"), row(1, "accepted")]);
    const result = await pruneHistory(db, { now, retentionDays: 30 });
    expect(result.deliveryLog).toBeGreaterThanOrEqual(2);
    const left = await db.select({ receivedAt: inboundDeliveries.receivedAt }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(left.map((r) => Math.round((now.getTime() - r.receivedAt.getTime()) / day)).sort()).toEqual([1, 29]);
  });
});

describe("RejectionSampler", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("admits a burst, then a few a second, and summarises the rest once per source after a delay", async () => {
    vi.useFakeTimers();
    const sampler = new RejectionSampler({ perSecond: 5, burst: 10, summaryDelayMs: 1000 });
    const summaries: Array<[string, number]> = [];
    const summarize = (source: string) => async (s: { count: number }) => void summaries.push([source, s.count]);
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    const admitted = (source: string, atMs: number) => sampler.admit(source, new Date(atMs), summarize(source));

    const first = Array.from({ length: 100 }, (_, i) => admitted("a", t0 + i)); // 100 within 0.1 s
    expect(first.filter(Boolean)).toHaveLength(10);
    expect(admitted("b", t0)).toBe(true); // another source has its own bucket
    expect(admitted("a", t0 + 1000)).toBe(true); // refilled: 5 a second
    await vi.advanceTimersByTimeAsync(1000);
    expect(summaries).toEqual([["a", 90]]);
    await sampler.flush();
    expect(summaries).toHaveLength(1);
  });
});
