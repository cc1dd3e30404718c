// The delivery log's filters, against deliveries made through the real route. On both drivers.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, insertAutomation, insertSource, makeWebhookWorld, post, signedRequest, useRouteTestDb, CANONICAL } from "@/lib/webhooks/test-support";
import { parseDeliveryFilters } from "./delivery-filters";
import { deliveryRunsHref, listDeliveries } from "./list-deliveries";

const send = (source: { id: string; secret: string }, id: string, options: { tamper?: (body: string) => string } = {}) =>
  post(signedRequest(source.id, dealEvent(), { secret: source.secret, id, ...options }));

describe.each(TEST_DRIVERS)("the inbound delivery log on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("filters by outcome, source, message id and day, and links each event to its runs", async () => {
    const world = await makeWebhookWorld(db);
    const second = await insertSource(db, world.workspace.id);
    await insertAutomation(db, world.workspace.id, world.memberA.id, { ...CANONICAL, name: "Second" });
    await send(world.source, "msg-one");
    await send(world.source, "msg-one");
    await send(world.source, "msg-bad", { tamper: (body) => body.replace("Acme", "Acne") });
    await send(second, "msg-two");
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id };

    const all = await listDeliveries(db, scope);
    expect(all.map((d) => [d.externalId, d.outcome])).toEqual([["msg-two", "accepted"], ["msg-bad", "rejected"], ["msg-one", "duplicate"], ["msg-one", "accepted"]]);
    const rejected = await listDeliveries(db, { ...scope, outcome: "rejected" });
    expect(rejected).toMatchObject([{ externalId: "msg-bad", httpStatus: 401, eventId: null, runCount: 0 }]);
    expect(rejected[0].reason).toBeTruthy();
    expect(deliveryRunsHref(rejected[0])).toBeNull();

    expect((await listDeliveries(db, { ...scope, sourceId: second.id })).map((d) => d.externalId)).toEqual(["msg-two"]);
    const one = await listDeliveries(db, { ...scope, externalId: "msg-one" });
    expect(one.map((d) => d.outcome)).toEqual(["duplicate", "accepted"]);
    // Both deliveries of msg-one name the same event, which ran both automations.
    expect(one[0].eventId).toBe(one[1].eventId);
    expect(one[1]).toMatchObject({ runCount: 2, onlyRunId: null });
    expect(deliveryRunsHref(one[1])).toBe(`/settings/logs?event=${one[1].eventId}`);

    const today = new Date().toISOString().slice(0, 10);
    expect(await listDeliveries(db, { ...scope, ...parseDeliveryFilters({ from: today, to: today, outcome: "accepted" }) })).toHaveLength(2);
    expect(await listDeliveries(db, { ...scope, ...parseDeliveryFilters({ from: "2099-01-01" }) })).toEqual([]);
    expect(await listDeliveries(db, { ...scope, ...parseDeliveryFilters({ to: "2000-01-01" }) })).toEqual([]);

    // Admins only; other workspaces never.
    expect(await listDeliveries(db, { claims: world.memberA.claims, workspaceId: world.workspace.id })).toEqual([]);
    expect(await listDeliveries(db, { claims: world.outsider.claims, workspaceId: world.workspace.id })).toEqual([]);
  });

  it("links an event with one run straight to that run", async () => {
    const world = await makeWebhookWorld(db);
    await post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret, id: "msg-single" }));
    const [delivery] = await listDeliveries(db, { claims: world.admin.claims, workspaceId: world.workspace.id, externalId: "msg-single" });
    expect(delivery.runCount).toBe(1);
    expect(deliveryRunsHref(delivery)).toBe(`/settings/logs/${delivery.onlyRunId}`);
  });

  it("parses filters forgivingly", () => {
    expect(parseDeliveryFilters({ outcome: "exploded", source: "nope", from: "2026-02-30", external: " m-1 " })).toEqual({ externalId: "m-1" });
    expect(parseDeliveryFilters(new URLSearchParams("outcome=duplicate&from=2026-11-01&to=2026-11-30"))).toEqual({ outcome: "duplicate", from: "2026-11-01", to: "2026-11-30" });
  });
});
