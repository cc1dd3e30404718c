// The inbound route never waits for a receiver: while a sender round is stuck on receivers that
// never answer, events are still answered at their usual latency.
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { dispatchDue } from "./dispatch-due";
import { testSender, worldWithActions } from "./test-support";
import { startHttpReceiver } from "./test-receivers";

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];

async function timedEvents(send: () => Promise<number>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    expect(await send()).toBe(200);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

describe.each(TEST_DRIVERS)("inbound latency with hanging receivers on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    while (closers.length) await closers.pop()!();
  });

  it("answers events as fast while every delivery hangs", async () => {
    const receiver = await startHttpReceiver(() => "hang");
    const sender = testSender({ timeoutMs: 2500 });
    closers.push(receiver.close, sender.close);
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}/hang`, headers: [] } }]);
    const send = async () => (await post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }))).status;

    const before = await timedEvents(send, 10);
    sender.clock.now = Date.now();
    let settled = false;
    const round = dispatchDue(db, sender.deps).finally(() => {
      settled = true;
    });
    // Wait until the round is stuck on the receivers.
    while (receiver.received.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const during = await timedEvents(send, 10);
    expect(settled).toBe(false);
    expect(median(during)).toBeLessThan(median(before) * 3 + 25);
    expect(during[during.length - 1]).toBeLessThan(1000);
    await round;
  }, 30_000);
});
