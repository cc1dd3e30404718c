// The webhook route asks for a sending round after its answer when, and only when, the event
// queued outbox rows: an action's email or webhook, or a failed run's alert email.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { CANONICAL, dealEvent, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { worldWithActions } from "./test-support";

describe.each(TEST_DRIVERS)("kicking the sender on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function kicks(world: Awaited<ReturnType<typeof worldWithActions>>, body: ReturnType<typeof dealEvent>, id?: string): Promise<number> {
    let count = 0;
    const response = await ingestWebhook(db, {
      request: signedRequest(world.source.id, body, { secret: world.source.secret, id }),
      sourceId: world.source.id,
      now: new Date(),
      onQueued: () => count++,
    });
    expect(response.status).toBe(200);
    return count;
  }

  it("kicks for an event that queued a webhook, not for one that queued nothing or was a duplicate", async () => {
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: "https://example.com/hook", headers: [] } }]);
    const event = dealEvent();
    expect(await kicks(world, event, "msg_kick_once")).toBe(1);
    expect(await kicks(world, event, "msg_kick_once")).toBe(0);
    // Nothing triggered: no run, no row.
    expect(await kicks(world, dealEvent({ stage: "proposal", previousStage: "lead" }))).toBe(0);
    const local = await worldWithActions(db, CANONICAL.actions);
    expect(await kicks(local, dealEvent())).toBe(0);
  });

  it("kicks for a failed run, whose alert emails are queued", async () => {
    const world = await worldWithActions(db, CANONICAL.actions);
    expect(await kicks(world, dealEvent({ owner: "crm-nobody" }))).toBe(1);
  });
});
