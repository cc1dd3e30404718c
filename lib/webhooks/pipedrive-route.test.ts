// A Pipedrive source end to end: the route handler with Pipedrive's documented v2 payloads, HTTP
// Basic credentials (wrong or missing: 401, nothing recorded, nothing of them logged), stage ids and
// numeric owner ids, redelivery, rotation and who may see the credentials.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, events, inboundDeliveries, webhookSources, workspaceMembers } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { TEST_DRIVERS } from "@/test/db";
import { createSource } from "./sources/create-source";
import { listSources } from "./sources/list-sources";
import { rotateSourceSecret } from "./sources/rotate-source-secret";
import { sendTestEvent } from "./sources/send-test-event";
import * as examples from "./adapters/fixtures/pipedrive-v2-examples";
import { CANONICAL, insertAutomation, insertSource, makeWebhookWorld, post, useRouteTestDb } from "./test-support";
import { basicAuthorization } from "./verify-basic";

function pipedriveRequest(sourceId: string, body: unknown, authorization: string | null): Request {
  return new Request(`http://localhost/api/webhooks/${sourceId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

/** The documented "Update deal" example, moved from stage 2 to stage 3 (as a stage change is sent). */
function stageChange(stageId: number, previousStageId: number, updateTime: string) {
  return {
    ...examples.updateDeal,
    data: { ...examples.updateDeal.data, stage_id: stageId, update_time: updateTime },
    previous: { stage_id: previousStageId, update_time: examples.updateDeal.data.update_time },
    meta: { ...examples.updateDeal.meta, id: crypto.randomUUID(), correlation_id: crypto.randomUUID(), timestamp: updateTime },
  };
}

describe.each(TEST_DRIVERS)("a Pipedrive source on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  let logSpies: MockInstance[] = [];
  beforeEach(() => {
    logSpies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method));
  });
  afterEach(() => vi.restoreAllMocks());
  /** Everything written to the console during the test, to prove credentials never reach it. */
  const consoleText = () => logSpies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(" "))).join("\n");

  async function world() {
    const base = await makeWebhookWorld(db);
    const source = await insertSource(db, base.workspace.id, "pipedrive");
    // Pipedrive names its users by number: member A is Pipedrive user 12415231 (the examples' owner).
    await db.update(workspaceMembers).set({ crmUserId: "12415231" }).where(and(eq(workspaceMembers.workspaceId, base.workspace.id), eq(workspaceMembers.userId, base.memberA.id)));
    const stageAutomation = await insertAutomation(db, base.workspace.id, base.admin.id, { ...CANONICAL, name: "Stage 3 follow-up", trigger: { type: "deal.stage_changed", to: "3" } });
    return { ...base, pipedrive: source, auth: basicAuthorization(source.username!, source.secret), stageAutomation };
  }

  async function counts(workspaceId: string) {
    const [e] = await db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId));
    const [r] = await db.select({ n: count() }).from(automationRuns).where(eq(automationRuns.workspaceId, workspaceId));
    const [a] = await db.select({ n: count() }).from(activities).where(eq(activities.workspaceId, workspaceId));
    return { events: e.n, runs: r.n, activities: a.n };
  }

  it("accepts every documented deal, person, organization and activity example as sent", async () => {
    const w = await world();
    const documented = [
      examples.createDeal, examples.updateDeal, examples.deleteDeal,
      examples.createPerson, examples.updatePerson, examples.deletePerson,
      examples.updateOrganization,
      examples.createActivity, examples.updateActivity, examples.deleteActivity,
    ];
    for (const body of documented) {
      const answer = await post(pipedriveRequest(w.pipedrive.id, body, w.auth));
      expect([answer.status, answer.body.duplicate]).toEqual([200, false]);
    }
    const stored = await db.select({ type: events.type, entityId: events.entityId, externalId: events.externalId }).from(events).where(eq(events.sourceId, w.pipedrive.id));
    expect(stored.map((event) => event.type).sort()).toEqual([
      "activity.created", "activity.deleted", "activity.updated",
      "contact.created", "contact.deleted", "contact.updated",
      "deal.created", "deal.deleted", "deal.updated",
      "organization.updated",
    ]);
    expect(stored.every((event) => /^pipedrive:(deal|person|organization|activity):\d+:[0-9a-f]{64}$/.test(event.externalId))).toBe(true);
  });

  it("runs a stage-change automation for the owner matched by CRM user id, once however often Pipedrive retries", async () => {
    const w = await world();
    const change = stageChange(3, 2, "2026-11-25T09:00:00Z");
    const first = await post(pipedriveRequest(w.pipedrive.id, change, w.auth));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ duplicate: false, runs: [{ automationId: w.stageAutomation, status: "succeeded" }] });
    const [activity] = await db.select({ assigneeId: activities.assigneeId, entityId: activities.entityId }).from(activities).where(eq(activities.workspaceId, w.workspace.id));
    expect(activity).toEqual({ assigneeId: w.memberA.id, entityId: "8" });

    // A retry: only the attempt (and webhook ids) differ.
    const retry = { ...change, meta: { ...change.meta, attempt: 2 } };
    const again = await post(pipedriveRequest(w.pipedrive.id, retry, w.auth));
    expect(again.body).toMatchObject({ duplicate: true, eventId: first.body.eventId });

    // Moved back and forth: each change is its own event (A→B, B→A, A→B).
    await post(pipedriveRequest(w.pipedrive.id, stageChange(2, 3, "2026-11-25T09:01:00Z"), w.auth));
    const third = await post(pipedriveRequest(w.pipedrive.id, stageChange(3, 2, "2026-11-25T09:02:00Z"), w.auth));
    expect(third.body).toMatchObject({ duplicate: false, runs: [{ automationId: w.stageAutomation, status: "succeeded" }] });
    expect(await counts(w.workspace.id)).toMatchObject({ events: 3, activities: 2 });
  });

  it("answers 401 to missing or wrong credentials, records nothing, and never logs the credentials", async () => {
    const w = await world();
    const other = await insertSource(db, w.workspace.id, "pipedrive");
    const body = stageChange(3, 2, "2026-11-25T09:00:00Z");
    const attempts: Array<[string | null, string]> = [
      [null, "missing_basic_credentials"],
      [`Bearer ${w.pipedrive.secret}`, "missing_basic_credentials"],
      [basicAuthorization(w.pipedrive.username!, `${w.pipedrive.secret}x`), "invalid_basic_credentials"],
      [basicAuthorization("someone", w.pipedrive.secret), "invalid_basic_credentials"],
      [basicAuthorization(other.username!, other.secret), "invalid_basic_credentials"],
      [basicAuthorization("", ""), "invalid_basic_credentials"],
    ];
    for (const [authorization, code] of attempts) {
      const answer = await post(pipedriveRequest(w.pipedrive.id, body, authorization));
      expect([answer.status, answer.body.code]).toEqual([401, code]);
      expect(JSON.stringify(answer.body)).not.toContain(w.pipedrive.secret);
    }
    expect(await counts(w.workspace.id)).toEqual({ events: 0, runs: 0, activities: 0 });

    await post(pipedriveRequest(w.pipedrive.id, body, w.auth));
    const log = await db.select().from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, w.pipedrive.id));
    expect(log.map((entry) => entry.outcome).sort()).toEqual(["accepted", ...Array(6).fill("rejected")]);
    const logged = JSON.stringify(log) + consoleText();
    for (const secret of [w.pipedrive.secret, w.pipedrive.username!, other.secret, w.auth.slice(6)]) expect(logged).not.toContain(secret);
  });

  it("rejects entities and actions it does not map with 400, a clear reason in the log, and nothing recorded", async () => {
    const w = await world();
    const note = await post(pipedriveRequest(w.pipedrive.id, examples.createNote, w.auth));
    expect(note.status).toBe(400);
    expect(note.body).toMatchObject({ code: "invalid_payload", issues: [{ path: "meta.entity", message: expect.stringContaining("“note” is not supported") }] });
    const v1 = await post(pipedriveRequest(w.pipedrive.id, { ...examples.createDeal, meta: { ...examples.createDeal.meta, action: "added" } }, w.auth));
    expect(v1.body.issues).toEqual([{ path: "meta.action", message: "meta.action “added” is a Pipedrive webhooks v1 action: create the webhook with version 2.0" }]);
    expect(await counts(w.workspace.id)).toEqual({ events: 0, runs: 0, activities: 0 });
    const reasons = (await db.select({ reason: inboundDeliveries.reason }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, w.pipedrive.id))).map((row) => row.reason);
    expect(reasons).toContain("The body is not a valid Pipedrive webhooks v2 payload: meta.entity “note” is not supported: subscribe this webhook to deal, person, organization or activity");
  });

  it("rotates the password (the previous one keeps working for 24 hours) and keeps the user name", async () => {
    const w = await world();
    const scope = { claims: w.admin.claims, workspaceId: w.workspace.id };
    await rotateSourceSecret(db, { ...scope, sourceId: w.pipedrive.id, now: new Date() });
    const [source] = (await listSources(db, { ...scope, now: new Date() })).filter((s) => s.id === w.pipedrive.id);
    expect(source.basicUsername).toBe(w.pipedrive.username);
    expect(source.secret).not.toBe(w.pipedrive.secret);
    expect(source.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await post(pipedriveRequest(w.pipedrive.id, stageChange(3, 2, "2026-11-25T09:00:00Z"), w.auth))).status).toBe(200);
    const fresh = basicAuthorization(source.basicUsername!, source.secret);
    expect((await post(pipedriveRequest(w.pipedrive.id, stageChange(2, 3, "2026-11-25T09:01:00Z"), fresh))).status).toBe(200);
  });

  it("shows the credentials to admins only: members, other workspaces and anon read no source", async () => {
    const w = await world();
    const { id } = await createSource(db, { claims: w.admin.claims, workspaceId: w.workspace.id, input: { name: "Pipedrive", format: "pipedrive" } });
    const [created] = (await listSources(db, { claims: w.admin.claims, workspaceId: w.workspace.id, now: new Date() })).filter((s) => s.id === id);
    expect(created).toMatchObject({ format: "pipedrive", basicUsername: expect.stringMatching(/^pipedrive-[0-9a-f]{12}$/), secret: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });

    expect(await listSources(db, { claims: w.memberA.claims, workspaceId: w.workspace.id, now: new Date() })).toEqual([]);
    expect(await listSources(db, { claims: w.outsider.claims, workspaceId: w.workspace.id, now: new Date() })).toEqual([]);
    const read = (claims: typeof w.memberA.claims | null) =>
      withUser(db, claims, (tx) => tx.select({ username: webhookSources.basicUsername, secret: webhookSources.secret }).from(webhookSources).where(eq(webhookSources.id, id)));
    expect(await read(w.memberA.claims)).toEqual([]);
    expect(await read(w.outsider.claims)).toEqual([]);
    expect(await read(null)).toEqual([]);
  });

  it("sends a test event through a Pipedrive source's own credentials", async () => {
    const w = await world();
    const result = await sendTestEvent(db, { claims: w.admin.claims, workspaceId: w.workspace.id, sourceId: w.pipedrive.id, userId: w.memberA.id, userEmail: w.memberA.email, now: new Date() });
    expect(result).toMatchObject({ status: 200, duplicate: false });
  });
});
