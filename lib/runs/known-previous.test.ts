// Natural payloads acted on: an update without `previous` is judged against the entity's last known
// state, shorthand event types and booleans as numbers are normalised, and an entity created
// already won (an activity already done) fires "won" ("completed"). Through the real route, both drivers.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, events } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;
type Runs = Array<{ runId: string; automationId: string; status: string }>;

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-KP-${++sequence}`;

function body(type: string, entity: { type: string; id: string; data: Record<string, unknown> }, extra: Record<string, unknown> = {}, at = "2026-11-25T10:00:00Z") {
  return { type, occurred_at: at, entity, ...extra };
}

const deal = (id: string, data: Record<string, unknown> = {}) => ({
  type: "deal",
  id,
  data: { title: "Acme renewal", stage: "proposal", amount: 12000, status: "open", owner_id: "crm-a", ...data },
});
const activity = (id: string, data: Record<string, unknown> = {}) => ({
  type: "activity",
  id,
  data: { subject: "Call Acme", type: "call", done: false, owner_id: "crm-a", ...data },
});

async function send(world: World, payload: unknown) {
  const answer = await post(signedRequest(world.source.id, payload, { secret: world.source.secret }));
  return { ...answer, runs: (answer.body.runs ?? []) as Runs };
}

describe.each(TEST_DRIVERS)("previous state and common payload shapes on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function trace(runId: string) {
    const [row] = await db.select({ trace: automationRuns.trace }).from(automationRuns).where(eq(automationRuns.id, runId));
    return row.trace as { trigger: { reason: string }; previousBasis?: string };
  }

  async function stored(eventId: string) {
    const [row] = await db.select({ type: events.type, payload: events.payload }).from(events).where(eq(events.id, eventId));
    return row as { type: string; payload: { previous: Record<string, unknown> | null; entity: { data: Record<string, unknown> } } };
  }

  it("detects a stage change against the last known state when the sender omits previous", async () => {
    const world = await makeWebhookWorld(db);
    const id = nextId("D");
    expect((await send(world, body("deal.created", deal(id)))).runs).toEqual([]);
    const moved = await send(world, body("deal.updated", deal(id, { stage: "negotiation" }), {}, "2026-11-25T11:00:00Z"));
    expect(moved.status).toBe(200);
    expect(moved.runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
    const run = await trace(moved.runs[0].runId);
    expect(run.trigger.reason).toBe("stage changed from proposal to negotiation");
    expect(run.previousBasis).toBe("The event has no previous values: compared with the last known state, from 2026-11-25T10:00:00.000Z");
    // The event keeps what it was judged with: the derived old values.
    expect((await stored(moved.body.eventId as string)).payload.previous).toEqual({ stage: "proposal" });
    // The same state again is no change.
    expect((await send(world, body("deal.updated", deal(id, { stage: "negotiation" }), {}, "2026-11-25T12:00:00Z"))).runs).toEqual([]);
  });

  it("counts nothing as changed when neither previous nor an earlier state is known, and says so", async () => {
    const world = await makeWebhookWorld(db);
    const any = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Any update", trigger: { type: "deal.updated" } });
    const { runs } = await send(world, body("deal.updated", deal(nextId("D"), { stage: "negotiation" })));
    // The stage automation did not fire; the "any update" one did, and its trace says why nothing changed.
    expect(runs).toMatchObject([{ automationId: any, status: "succeeded" }]);
    expect((await trace(runs[0].runId)).previousBasis).toBe(
      "The event has no previous values and no earlier state of this deal is known, so nothing counts as changed",
    );
  });

  it("uses the sender's previous as given, never the last known state", async () => {
    const world = await makeWebhookWorld(db);
    const id = nextId("D");
    await send(world, body("deal.created", deal(id, { stage: "negotiation" })));
    // The snapshot says negotiation already; the sender says it came from qualified: the sender wins.
    const { runs } = await send(world, body("deal.updated", deal(id, { stage: "negotiation" }), { previous: { stage: "qualified" } }, "2026-11-25T11:00:00Z"));
    expect(runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
    const run = await trace(runs[0].runId);
    expect(run.trigger.reason).toBe("stage changed from qualified to negotiation");
    expect(run.previousBasis).toBeUndefined();
  });

  it("fires won for a deal created already won, and completed for an activity created already done", async () => {
    const world = await makeWebhookWorld(db);
    const won = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Won", trigger: { type: "deal.won" } });
    const done = await insertAutomation(db, world.workspace.id, world.admin.id, {
      ...CANONICAL,
      name: "Done",
      trigger: { type: "activity.completed" },
      actions: [{ type: "notify_user", config: { to: { kind: "automation_owner" }, message: "{{activity.subject}} done" } }],
    });
    const created = await send(world, body("deal.created", deal(nextId("D"), { status: "won" })));
    expect(created.runs).toMatchObject([{ automationId: won }]);
    expect((await trace(created.runs[0].runId)).trigger.reason).toBe("deal created already won");
    expect((await send(world, body("deal.created", deal(nextId("D"))))).runs).toEqual([]);
    const logged = await send(world, body("activity.created", activity(nextId("A"), { done: 1 })));
    expect(logged.runs).toMatchObject([{ automationId: done, status: "succeeded" }]);
    expect((await send(world, body("activity.created", activity(nextId("A"), { done: "false" })))).runs).toEqual([]);
  });

  it("accepts deal.won as the updated event with the status change, once", async () => {
    const world = await makeWebhookWorld(db);
    const won = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Won", trigger: { type: "deal.won" } });
    const id = nextId("D");
    await send(world, body("deal.created", deal(id)));
    const first = await send(world, body("deal.won", { type: "deal", id, data: { title: "Acme renewal", owner_id: "crm-a" } }, {}, "2026-11-25T11:00:00Z"));
    expect(first.runs).toMatchObject([{ automationId: won, status: "succeeded" }]);
    const event = await stored(first.body.eventId as string);
    expect(event.type).toBe("deal.updated");
    expect(event.payload.entity.data).toMatchObject({ status: "won" });
    expect(event.payload.previous).toEqual({ status: "open" });
    // Already won in the last known state: a second deal.won changes nothing.
    expect((await send(world, body("deal.won", { type: "deal", id, data: {} }, {}, "2026-11-25T12:00:00Z"))).runs).toEqual([]);
    // A deal never seen: the type's own change counts, and the trace says no earlier state is known.
    const unseen = await send(world, body("deal.won", { type: "deal", id: nextId("D"), data: { status: "WON", owner_id: "crm-a" } }));
    expect(unseen.runs).toMatchObject([{ automationId: won }]);
    expect((await trace(unseen.runs[0].runId)).previousBasis).toContain("only the change its type deal.won states counts");
  });

  it("accepts activity.completed and done given as 1/0 or words", async () => {
    const world = await makeWebhookWorld(db);
    const done = await insertAutomation(db, world.workspace.id, world.admin.id, {
      ...CANONICAL,
      name: "Done",
      trigger: { type: "activity.completed" },
      actions: [{ type: "notify_user", config: { to: { kind: "automation_owner" }, message: "{{activity.subject}} done" } }],
    });
    const numeric = await send(world, body("activity.updated", activity(nextId("A"), { done: 1 }), { previous: { done: 0 } }));
    expect(numeric.runs).toMatchObject([{ automationId: done }]);
    const event = await stored(numeric.body.eventId as string);
    expect(event.payload.entity.data.done).toBe(true);
    expect(event.payload.previous).toEqual({ done: false });
    const words = await send(world, body("activity.updated", activity(nextId("A"), { done: "TRUE" }), { previous: { done: "false" } }));
    expect(words.runs).toMatchObject([{ automationId: done }]);
    const shorthand = await send(world, body("activity.completed", activity(nextId("A"), { done: undefined }), { previous: {} }));
    expect(shorthand.runs).toMatchObject([{ automationId: done }]);
    expect((await stored(shorthand.body.eventId as string)).type).toBe("activity.updated");
  });

  it("refuses a shorthand type its data contradicts, and an unknown type, storing nothing", async () => {
    const world = await makeWebhookWorld(db);
    const id = nextId("D");
    const contradicted = await send(world, body("deal.won", deal(id, { status: "lost" })));
    expect(contradicted.status).toBe(400);
    expect(contradicted.body.issues).toContainEqual({ path: "entity.data", message: "status is \"lost\", but the event type deal.won says won" });
    const unknown = await send(world, body("deal.closed", deal(id)));
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toContainEqual({ path: "type", message: "type must be <entity>.<created|updated|deleted> (or deal.won, deal.lost, activity.completed)" });
    expect(await db.select({ id: events.id }).from(events).where(eq(events.entityId, id))).toEqual([]);
  });
});
