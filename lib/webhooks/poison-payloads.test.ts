// Issue 20 item 8: signed, valid JSON that PostgreSQL cannot store (a NUL or an unpaired surrogate
// in any string or key, at any depth) or an occurred_at outside [2000-01-01, receipt + 5 min] used
// to reach the database and answer 500 "retrying is safe". Each must be a 400 invalid_payload that
// names the field, record nothing but its delivery log line, and leave late events accepted.
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, inboundDeliveries } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, insertSource, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "./test-support";

const deal = (edit: (body: ReturnType<typeof dealEvent>) => void) => {
  const body = dealEvent({ owner: "crm-a" });
  edit(body);
  return JSON.stringify(body);
};
const row = (extra: Record<string, unknown>) => ({ id: "D-1", title: "Acme", stage: "negotiation", owner_id: "crm-a", ...extra });
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

// [label, raw signed body, the issue's path]. Raw text, so the escapes go over the wire as a CRM sends them.
const POISON: Array<[string, string, string]> = [
  ["a NUL in a string", deal((b) => (b.entity.data.title = "Acme\u0000")), "entity.data.title"],
  ["a NUL escape in a nested string", deal((b) => Object.assign(b.entity.data, { meta: { tags: ["ok", "x\u0000y"] } })), "entity.data.meta.tags.1"],
  ["a NUL in a key", deal((b) => Object.assign(b.entity.data, { "ti\u0000tle": "x" })), "entity.data"],
  ["a NUL in a deep key", deal((b) => Object.assign(b.entity.data, { a: { b: { "\u0000": 1 } } })), "entity.data.a.b"],
  ["a lone high surrogate", deal((b) => (b.entity.data.title = "\ud800")), "entity.data.title"],
  ["a lone low surrogate", deal((b) => (b.entity.data.title = "x\udc00")), "entity.data.title"],
  ["a high surrogate before a non-surrogate escape", deal((b) => (b.entity.data.title = "\ud800\u0041")), "entity.data.title"],
  ["a lone surrogate in a key", deal((b) => Object.assign(b.entity.data, { "\udbff": 1 })), "entity.data"],
  ["a lone surrogate in previous", deal((b) => (b.previous.stage = "\udfff")), "previous.stage"],
  ["occurred_at in year 0", deal((b) => (b.occurred_at = "0000-01-01T00:00:00Z")), "occurred_at"],
  ["occurred_at before 2000", deal((b) => (b.occurred_at = "1999-12-31T23:59:59Z")), "occurred_at"],
  ["occurred_at 6 minutes ahead", deal((b) => (b.occurred_at = iso(6 * 60_000))), "occurred_at"],
  ["occurred_at years ahead", deal((b) => (b.occurred_at = "2999-01-01T00:00:00Z")), "occurred_at"],
];

describe.each(TEST_DRIVERS)("poison payloads on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it.each(POISON)("%s: 400 invalid_payload naming the field, logged, nothing recorded", async (_label, body, path) => {
    const world = await makeWebhookWorld(db);
    const { status, body: answer } = await post(signedRequest(world.source.id, body, { secret: world.source.secret }));
    expect(status).toBe(400);
    expect(answer.code).toBe("invalid_payload");
    expect(answer.issues).toEqual([expect.objectContaining({ path })]);
    const [{ n }] = await db.select({ n: count() }).from(events).where(eq(events.sourceId, world.source.id));
    expect(n).toBe(0);
    const logged = await db.select({ outcome: inboundDeliveries.outcome, httpStatus: inboundDeliveries.httpStatus }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(logged).toEqual([{ outcome: "rejected", httpStatus: 400 }]);
  });

  it.each([
    ["a surrogate pair (an emoji, escaped)", deal((b) => (b.entity.data.title = "Deal \ud83d\ude00")).replace("😀", "\\ud83d\\ude00")],
    ["a raw emoji and other escapes", deal((b) => (b.entity.data.title = 'Deal 😀 \u00e9 \\ "q" \u0001'))],
    ["occurred_at 30 days late (a replay)", deal((b) => (b.occurred_at = iso(-30 * 86_400_000)))],
    ["occurred_at on 2000-01-01", deal((b) => (b.occurred_at = "2000-01-01T00:00:00Z"))],
    ["occurred_at 4 minutes ahead (clock skew)", deal((b) => (b.occurred_at = iso(4 * 60_000)))],
  ])("accepts %s", async (_label, body) => {
    const world = await makeWebhookWorld(db);
    const { status, body: answer } = await post(signedRequest(world.source.id, body, { secret: world.source.secret }));
    expect({ status, code: answer.code }).toEqual({ status: 200, code: undefined });
  });

  it("bounds the Supabase format's row timestamp the same way, and refuses its poison", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase");
    const send = (record: Record<string, unknown>) =>
      post(
        new Request(`http://localhost/api/webhooks/${source.id}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` },
          body: JSON.stringify({ type: "UPDATE", table: "deals", schema: "public", record: row(record), old_record: row({ stage: "proposal" }) }),
        }),
      );
    const future = await send({ updated_at: "2999-01-01T00:00:00+00" });
    expect(future.status).toBe(400);
    expect(future.body.issues).toEqual([expect.objectContaining({ path: "record.updated_at" })]);
    const nul = await send({ updated_at: iso(0), title: "A\u0000" });
    expect(nul.status).toBe(400);
    expect(nul.body.issues).toEqual([expect.objectContaining({ path: "record.title" })]);
    expect((await send({ updated_at: iso(-86_400_000) })).status).toBe(200);
  });
});
