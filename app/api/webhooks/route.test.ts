// The inbound contract end to end: the exported route handler with real signed Requests, on a real
// database (PGlite, and PostgreSQL when DATABASE_URL is set).
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, events, inboundDeliveries, notifications, outbox, runActions, webhookSources } from "@/db/schema";
import { rotateSourceSecret } from "@/lib/webhooks/sources/rotate-source-secret";
import { setSourceActive } from "@/lib/webhooks/sources/set-source-active";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, insertSource, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";

async function tableCounts(db: Db, workspaceId: string) {
  const [e] = await db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId));
  const [r] = await db.select({ n: count() }).from(automationRuns).where(eq(automationRuns.workspaceId, workspaceId));
  const [ra] = await db.select({ n: count() }).from(runActions).where(eq(runActions.workspaceId, workspaceId));
  const [a] = await db.select({ n: count() }).from(activities).where(eq(activities.workspaceId, workspaceId));
  const [n] = await db.select({ n: count() }).from(notifications).where(eq(notifications.workspaceId, workspaceId));
  const [o] = await db.select({ n: count() }).from(outbox).where(eq(outbox.workspaceId, workspaceId));
  return { events: e.n, runs: r.n, runActions: ra.n, activities: a.n, notifications: n.n, outbox: o.n };
}

const NOTHING = { events: 0, runs: 0, runActions: 0, activities: 0, notifications: 0, outbox: 0 };

function deliveries(db: Db, sourceId: string) {
  return db
    .select({ outcome: inboundDeliveries.outcome, httpStatus: inboundDeliveries.httpStatus, reason: inboundDeliveries.reason, snippet: inboundDeliveries.snippet })
    .from(inboundDeliveries)
    .where(eq(inboundDeliveries.sourceId, sourceId));
}

describe.each(TEST_DRIVERS)("POST /api/webhooks/{sourceId} on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("accepts a valid event: runs, actions, an activity for the deal owner and a notification, in one record", async () => {
    const world = await makeWebhookWorld(db);
    const before = Date.now();
    const { status, body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret, id: "msg_valid" }));

    expect(status).toBe(200);
    expect(body).toMatchObject({ duplicate: false, runs: [{ automationId: world.automationId, status: "succeeded", error: null }] });
    expect(await tableCounts(db, world.workspace.id)).toEqual({ events: 1, runs: 1, runActions: 2, activities: 1, notifications: 1, outbox: 0 });

    const [event] = await db.select().from(events).where(eq(events.workspaceId, world.workspace.id));
    expect(event).toMatchObject({ id: body.eventId, externalId: "msg_valid", type: "deal.updated", entityType: "deal", sourceId: world.source.id });
    const [run] = await db.select().from(automationRuns).where(eq(automationRuns.eventId, event.id));
    expect(run).toMatchObject({ automationId: world.automationId, automationOwnerId: world.admin.id, automationVersion: 1, status: "succeeded", error: null });
    expect(run.trace).toMatchObject({ trigger: { matched: true, reason: "stage changed from proposal to negotiation" } });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.createdAt.getTime());

    const actions = await db.select().from(runActions).where(eq(runActions.runId, run.id)).orderBy(runActions.actionIndex);
    expect(actions.map((a) => [a.actionIndex, a.type, a.status, a.error])).toEqual([
      [0, "create_activity", "succeeded", null],
      [1, "notify_user", "succeeded", null],
    ]);

    const [activity] = await db.select().from(activities).where(eq(activities.runId, run.id));
    expect(activity).toMatchObject({
      assigneeId: world.memberA.id,
      subject: "Follow up on Acme renewal",
      activityType: "call",
      entityType: "deal",
      entityTitle: "Acme renewal",
      automationId: world.automationId,
      actionIndex: 0,
      doneAt: null,
    });
    const due = activity.dueAt.getTime() - 2 * 24 * 3600 * 1000;
    expect(due).toBeGreaterThanOrEqual(before - 1000);
    expect(due).toBeLessThanOrEqual(Date.now());

    const [notification] = await db.select().from(notifications).where(eq(notifications.runId, run.id));
    expect(notification).toMatchObject({ userId: world.memberA.id, kind: "action", title: "Acme renewal moved to Negotiation", readAt: null });
    expect(await deliveries(db, world.source.id)).toEqual([{ outcome: "accepted", httpStatus: 200, reason: null, snippet: expect.stringContaining("\"type\":\"deal.updated\"") }]);
  });

  const FIVE_MIN = 300;
  const rejections: Array<[string, number, string, (ctx: { sourceId: string; secret: string; otherSecret: string }) => Request]> = [
    ["a bad signature", 401, "invalid_signature", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, headers: { "webhook-signature": `v1,${Buffer.alloc(32, 7).toString("base64")}` } })],
    ["a missing signature header", 401, "missing_signature_headers", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, headers: { "webhook-signature": null } })],
    ["a missing webhook-id", 401, "missing_signature_headers", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, headers: { "webhook-id": null } })],
    ["one byte changed", 401, "invalid_signature", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, tamper: (body) => body.replace("12000", "12001") })],
    ["the wrong secret", 401, "invalid_signature", ({ sourceId, otherSecret }) => signedRequest(sourceId, dealEvent(), { secret: otherSecret })],
    ["a timestamp 301 s old", 401, "timestamp_out_of_tolerance", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, timestamp: Math.floor(Date.now() / 1000) - FIVE_MIN - 1 })],
    ["a timestamp 301 s ahead", 401, "timestamp_out_of_tolerance", ({ sourceId, secret }) =>
      signedRequest(sourceId, dealEvent(), { secret, timestamp: Math.floor(Date.now() / 1000) + FIVE_MIN + 1 })],
    ["a body over 256 KiB", 413, "payload_too_large", ({ sourceId, secret }) =>
      signedRequest(sourceId, { ...dealEvent(), padding: "x".repeat(256 * 1024) }, { secret })],
    ["invalid JSON", 400, "invalid_json", ({ sourceId, secret }) => signedRequest(sourceId, '{"type": "deal.updated",', { secret })],
    ["JSON nested 33 deep", 400, "too_deep", ({ sourceId, secret }) =>
      signedRequest(sourceId, `${"[".repeat(33)}${"]".repeat(33)}`, { secret })],
    ["a schema violation", 400, "invalid_payload", ({ sourceId, secret }) =>
      signedRequest(sourceId, { ...dealEvent(), type: "deal.exploded" }, { secret })],
    ["text/plain", 415, "unsupported_media_type", ({ sourceId, secret }) => signedRequest(sourceId, dealEvent(), { secret, contentType: "text/plain" })],
    ["no content type", 415, "unsupported_media_type", ({ sourceId, secret }) => signedRequest(sourceId, dealEvent(), { secret, contentType: null })],
  ];

  it.each(rejections)("rejects %s with %i and writes only the delivery log", async (_, expectedStatus, code, build) => {
    const world = await makeWebhookWorld(db);
    const other = await insertSource(db, world.other.id);
    const request = build({ sourceId: world.source.id, secret: world.source.secret, otherSecret: other.secret });
    const { status, body } = await post(request);

    expect(status).toBe(expectedStatus);
    expect(body.code).toBe(code);
    expect(typeof body.error).toBe("string");
    expect((body.error as string).length).toBeGreaterThan(10);
    expect(await tableCounts(db, world.workspace.id)).toEqual(NOTHING);
    const log = await deliveries(db, world.source.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: "rejected", httpStatus: expectedStatus });
    // The log's one line says what the answer said, and for a payload error its first issues.
    expect(log[0].reason?.startsWith(body.error as string)).toBe(true);
    // The log keeps a capped snippet of the body, never a header (so never a signature or secret).
    const snippet = log[0].snippet ?? "";
    expect(snippet.length).toBeLessThanOrEqual(501);
    expect(snippet).not.toContain(world.source.secret.slice(6));
  });

  it("answers a schema violation with the zod issues", async () => {
    const world = await makeWebhookWorld(db);
    const { status, body } = await post(signedRequest(world.source.id, { ...dealEvent(), type: "deal.exploded", occurred_at: "soon" }, { secret: world.source.secret }));
    expect(status).toBe(400);
    expect(body).toEqual({
      error: "The body is not a valid native event payload",
      code: "invalid_payload",
      issues: [
        { path: "type", message: "type must be <entity>.<created|updated|deleted> (or deal.won, deal.lost, activity.completed)" },
        { path: "occurred_at", message: "occurred_at must be an ISO 8601 date-time" },
      ],
    });
  });

  it("answers 404 for an unknown source and logs nothing", async () => {
    const world = await makeWebhookWorld(db);
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const { status, body } = await post(signedRequest(id, dealEvent(), { secret: world.source.secret }));
      expect(status).toBe(404);
      expect(body).toEqual({ error: "No webhook source has this id", code: "unknown_source" });
    }
    expect(await deliveries(db, world.source.id)).toEqual([]);
  });

  it("reads the source id from the path it was sent to, percent-encoded or not, and nothing else", async () => {
    const world = await makeWebhookWorld(db);
    const sign = (path: string) => signedRequest(world.source.id, dealEvent(), { secret: world.source.secret, path });
    const encoded = await post(sign(`/api/webhooks/${world.source.id.replaceAll("-", "%2D")}`));
    expect(encoded.status).toBe(200);
    for (const path of [
      "/api/webhooks",
      `/api/webhooks?sourceId=${world.source.id}`,
      `/api/webhooks/${world.source.id}/extra`,
      `/api/other/${world.source.id}`,
      "/api/webhooks/%E0%A4%A",
    ]) {
      const { status, body } = await post(sign(path));
      expect({ path, status, code: body.code }).toEqual({ path, status: 404, code: "unknown_source" });
    }
    expect(await deliveries(db, world.source.id)).toHaveLength(1);
  });

  it("refuses a disabled source with 403 until it is enabled again", async () => {
    const world = await makeWebhookWorld(db);
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id, sourceId: world.source.id, now: new Date() };
    await setSourceActive(db, { ...scope, isActive: false });
    const refused = await post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("source_disabled");
    expect(await tableCounts(db, world.workspace.id)).toEqual(NOTHING);

    await setSourceActive(db, { ...scope, isActive: true });
    const accepted = await post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }));
    expect(accepted.status).toBe(200);
    expect((await deliveries(db, world.source.id)).map((d) => [d.outcome, d.httpStatus])).toEqual([["rejected", 403], ["accepted", 200]]);
  });

  it("accepts both the old and the new secret after a rotation, the old one for 24 hours only", async () => {
    const world = await makeWebhookWorld(db);
    const oldSecret = world.source.secret;
    const { previousSecretExpiresAt } = await rotateSourceSecret(db, {
      claims: world.admin.claims,
      workspaceId: world.workspace.id,
      sourceId: world.source.id,
      now: new Date(),
    });
    expect(previousSecretExpiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    const [{ secret: newSecret }] = await db.select({ secret: webhookSources.secret }).from(webhookSources).where(eq(webhookSources.id, world.source.id));
    expect(newSecret).not.toBe(oldSecret);
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    expect((await post(signedRequest(world.source.id, dealEvent(), { secret: oldSecret }))).status).toBe(200);
    expect((await post(signedRequest(world.source.id, dealEvent(), { secret: newSecret }))).status).toBe(200);
    // Both signatures at once, as a sender mid-rotation may send them.
    const both = signedRequest(world.source.id, dealEvent(), { secret: newSecret });
    const oldSignature = signedRequest(world.source.id, "{}", { secret: oldSecret }).headers.get("webhook-signature")!;
    both.headers.set("webhook-signature", `${oldSignature} ${both.headers.get("webhook-signature")}`);
    expect((await post(both)).status).toBe(200);

    // Past the grace period the old secret no longer verifies.
    await db.update(webhookSources).set({ previousSecretExpiresAt: new Date(Date.now() - 1000) }).where(eq(webhookSources.id, world.source.id));
    const { invalidateSource } = await import("@/lib/webhooks/load-source");
    invalidateSource(world.source.id);
    const expired = await post(signedRequest(world.source.id, dealEvent(), { secret: oldSecret }));
    expect(expired.status).toBe(401);
    expect((await post(signedRequest(world.source.id, dealEvent(), { secret: newSecret }))).status).toBe(200);
  });

  it("answers a sequential redelivery with the original runs and writes nothing else", async () => {
    const world = await makeWebhookWorld(db);
    const event = dealEvent();
    const first = await post(signedRequest(world.source.id, event, { secret: world.source.secret, id: "msg_again" }));
    const second = await post(signedRequest(world.source.id, event, { secret: world.source.secret, id: "msg_again" }));
    expect(first.status).toBe(200);
    expect(second).toEqual({ status: 200, body: { ...first.body, duplicate: true, runs: [{ ...(first.body.runs as object[])[0], automationName: "Negotiation follow-up" }] } });
    expect(await tableCounts(db, world.workspace.id)).toEqual({ events: 1, runs: 1, runActions: 2, activities: 1, notifications: 1, outbox: 0 });
    expect((await deliveries(db, world.source.id)).map((d) => d.outcome).sort()).toEqual(["accepted", "duplicate"]);
  });

  it("gives exactly one run per automation and one effect per action for 10 concurrent deliveries", async () => {
    const world = await makeWebhookWorld(db);
    const event = dealEvent();
    const timestamp = Math.floor(Date.now() / 1000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(signedRequest(world.source.id, event, { secret: world.source.secret, id: "msg_burst", timestamp }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    const eventIds = new Set(results.map((r) => r.body.eventId));
    expect(eventIds.size).toBe(1);
    for (const result of results) expect(result.body.runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
    expect(await tableCounts(db, world.workspace.id)).toEqual({ events: 1, runs: 1, runActions: 2, activities: 1, notifications: 1, outbox: 0 });
    const log = await deliveries(db, world.source.id);
    expect(log.filter((d) => d.outcome === "accepted")).toHaveLength(1);
    expect(log.filter((d) => d.outcome === "duplicate")).toHaveLength(9);
  });

  it("accepts the Supabase Database Webhook format with its bearer secret", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase");
    const row = {
      id: "7b0c5c8e-8c1a-4b55-9a5d-2f1f0b1c2d3e",
      title: "Globex expansion",
      stage: "negotiation",
      amount: 48000,
      currency: "EUR",
      status: "open",
      owner_id: "crm-b",
      created_at: "2026-11-01T08:00:00.123456+00:00",
      updated_at: "2026-11-25T10:00:00.654321+00:00",
    };
    // Exactly what pg_net sends for an UPDATE on public.deals.
    const payload = JSON.stringify({ type: "UPDATE", table: "deals", record: row, schema: "public", old_record: { ...row, stage: "proposal", updated_at: "2026-11-20T09:00:00+00:00" } });
    const supabaseRequest = (token: string | null) =>
      new Request(`http://localhost/api/webhooks/${source.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: payload,
      });

    expect((await post(supabaseRequest(null))).body.code).toBe("missing_authorization");
    const wrong = await post(supabaseRequest(world.source.secret));
    expect([wrong.status, wrong.body.code]).toEqual([401, "invalid_authorization"]);

    const ok = await post(supabaseRequest(source.secret));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ duplicate: false, runs: [{ automationId: world.automationId, status: "succeeded" }] });
    const [activity] = await db.select().from(activities).where(eq(activities.workspaceId, world.workspace.id));
    expect(activity).toMatchObject({ assigneeId: world.memberB.id, subject: "Follow up on Globex expansion", entityId: row.id });
    const [event] = await db.select().from(events).where(eq(events.sourceId, source.id));
    expect(event.externalId).toMatch(/^undeduplicated:/);

    // pg_net has no message id and never retries, and this source names no event time column: the
    // same body again is taken for another change (a body is not an identity), never dropped.
    const again = await post(supabaseRequest(source.secret));
    expect(again.body).toMatchObject({ duplicate: false });
    expect(again.body.eventId).not.toBe(ok.body.eventId);
  });
});
