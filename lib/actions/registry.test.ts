import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "@/lib/engine/event";
import type { PlannedAction } from "@/lib/engine/plan";
import { executeAction } from "./registry";
import { emptyEffects, type ActionContext } from "./types";
import { UserDirectory } from "./user-directory";

const now = new Date("2026-11-25T10:00:00Z");
const mia = { id: "00000000-0000-4000-8000-000000000001", email: "mia@example.test", name: "Mia", crmUserId: "crm-mia" };
const owner = { id: "00000000-0000-4000-8000-000000000002", email: "owner@example.test", name: null, crmUserId: null };

function context(data: Record<string, unknown> = { title: "Acme", owner_id: "crm-mia" }, users = [mia, owner]): ActionContext {
  const event: NormalizedEvent = { type: "deal.updated", occurredAt: now.toISOString(), entity: { type: "deal", id: "D-1", data }, previous: null };
  return {
    now,
    workspaceId: "ws",
    eventId: "ev",
    event,
    automation: { id: "auto", name: "Follow-up", ownerId: owner.id },
    runId: "run",
    users: new UserDirectory(users),
    effects: emptyEffects(),
  };
}

const action = (type: string, config: Record<string, unknown>, index = 0): PlannedAction => ({ index, type, config, missing: [] });
const activity = (assignee: Record<string, unknown>) =>
  action("create_activity", { subject: "Call", activityType: "call", dueInDays: 2, assignee });

const withFallback = (type: string, ifOwnerMissing: Record<string, unknown>) =>
  type === "create_activity"
    ? action(type, { subject: "Call", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" }, ifOwnerMissing })
    : type === "notify_user"
      ? action(type, { to: { kind: "deal_owner" }, message: "Hi", ifOwnerMissing })
      : action(type, { to: { kind: "deal_owner" }, subject: "Hi", body: "Hello", ifOwnerMissing });

describe("executeAction", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["the deal owner by CRM id", { kind: "deal_owner" }, { owner_id: "crm-mia" }, mia.id],
    ["the deal owner by user id", { kind: "deal_owner" }, { owner_id: mia.id }, mia.id],
    ["the deal owner by email", { kind: "deal_owner" }, { owner_id: "MIA@example.test" }, mia.id],
    ["the deal owner by owner_email", { kind: "deal_owner" }, { owner_email: "mia@example.test" }, mia.id],
    ["the automation owner", { kind: "automation_owner" }, {}, owner.id],
    ["a chosen member", { kind: "member", userId: mia.id }, {}, mia.id],
  ])("create_activity for %s", (_, assignee, data, expected) => {
    const ctx = context(data);
    expect(executeAction(ctx, activity(assignee))).toMatchObject({ status: "succeeded", output: { assigneeId: expected, dueAt: "2026-11-27T10:00:00.000Z" } });
    expect(ctx.effects.activities).toMatchObject([{ assigneeId: expected, runId: "run", actionIndex: 0, entityId: "D-1" }]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["a numeric owner id nobody has", { kind: "deal_owner" }, { owner_id: 7 }, "The deal owner “7” is not a member"],
    ["an unknown member", { kind: "member", userId: "00000000-0000-4000-8000-000000000009" }, {}, "The chosen member is no longer in this workspace"],
    ["an unknown recipient kind", { kind: "boss" }, {}, "Unknown recipient “boss”"],
  ])("create_activity fails for %s and queues nothing", (_, assignee, data, message) => {
    const ctx = context(data);
    const outcome = executeAction(ctx, activity(assignee));
    expect(outcome).toMatchObject({ status: "failed", error: expect.stringContaining(message) });
    expect(ctx.effects.activities).toEqual([]);
  });

  it("says which failures are the event's (no owner, an owner not mapped) and which the automation's", () => {
    expect(executeAction(context({ owner_id: 7 }), activity({ kind: "deal_owner" }))).toMatchObject({ problem: { kind: "owner_unmapped", entityType: "deal", ref: "7" } });
    expect(executeAction(context({ owner_id: null }), activity({ kind: "deal_owner" }))).toMatchObject({ problem: { kind: "owner_missing", entityType: "deal" } });
    const removed = executeAction(context(), activity({ kind: "member", userId: "00000000-0000-4000-8000-000000000009" }));
    expect(removed).toEqual({ status: "failed", error: "The chosen member is no longer in this workspace: choose someone else in the automation" });
  });

  it.each(["create_activity", "notify_user", "send_email"])("%s: the fallback addresses the automation owner or a member, or skips, when the deal owner cannot be found", (type) => {
    for (const data of [{ owner_id: "crm-ghost" }, {}]) {
      const toOwner = executeAction(context(data), withFallback(type, { kind: "automation_owner" }));
      expect(toOwner.status).toMatch(/^(succeeded|pending)$/);
      expect(JSON.stringify(toOwner)).toContain(type === "send_email" ? owner.email : owner.id);
      expect(toOwner).toMatchObject({ output: { fallbackReason: expect.stringMatching(/deal (owner “crm-ghost” is not a member|has no owner_id)/) } });
      const toMia = executeAction(context(data), withFallback(type, { kind: "member", userId: mia.id }));
      expect(JSON.stringify(toMia)).toContain(type === "send_email" ? mia.email : mia.id);
      const ctx = context(data);
      const skipped = executeAction(ctx, withFallback(type, { kind: "skip" }));
      expect(skipped).toMatchObject({ status: "skipped", output: { reason: expect.stringContaining("skipped, as this action's fallback says") } });
      expect(ctx.effects).toEqual(emptyEffects());
    }
    // A mapped owner is addressed as ever; a fallback naming a removed member fails as the automation's problem.
    expect(JSON.stringify(executeAction(context(), withFallback(type, { kind: "skip" })))).toContain(type === "send_email" ? mia.email : mia.id);
    const broken = executeAction(context({ owner_id: "crm-ghost" }), withFallback(type, { kind: "member", userId: "00000000-0000-4000-8000-000000000009" }));
    expect(broken).toEqual({ status: "failed", error: expect.stringContaining("and the fallback failed: The chosen member is no longer in this workspace") });
  });

  it("names a removed member, and a removed automation owner, so the fix is obvious", () => {
    const ctx = { ...context(), users: new UserDirectory([mia], [{ id: owner.id, email: owner.email }]) };
    expect(executeAction(ctx, activity({ kind: "member", userId: owner.id }))).toEqual({
      status: "failed",
      error: "owner@example.test was removed from this workspace: choose someone else in the automation",
    });
    expect(executeAction(ctx, activity({ kind: "automation_owner" }))).toEqual({ status: "failed", error: "The automation's owner owner@example.test was removed from this workspace" });
  });

  it("explains an unresolvable deal owner", () => {
    expect(executeAction(context({ owner_id: "u-7" }), activity({ kind: "deal_owner" }))).toMatchObject({
      status: "failed",
      error: "The deal owner “u-7” is not a member of this workspace: no member has that CRM user id or email (set it on the Members page)",
    });
    expect(executeAction(context({}), activity({ kind: "deal_owner" }))).toMatchObject({
      status: "failed",
      error: "The deal has no owner_id, so there is no deal owner to address",
    });
  });

  it("fails an unknown action type with the reason", () => {
    const ctx = context();
    expect(executeAction(ctx, action("fax", {}))).toEqual({ status: "failed", error: "Unknown action type “fax”" });
    expect(ctx.effects).toEqual(emptyEffects());
  });

  it("queues a notification for the resolved user", () => {
    const ctx = context();
    expect(executeAction(ctx, action("notify_user", { to: { kind: "deal_owner" }, message: "Hi" }, 1))).toMatchObject({ status: "succeeded" });
    expect(ctx.effects.notifications).toMatchObject([{ userId: mia.id, title: "Hi", actionIndex: 1, body: "From the automation “Follow-up”" }]);
  });

  it("queues email to a literal address and leaves it pending", () => {
    const ctx = context();
    const outcome = executeAction(ctx, action("send_email", { to: { kind: "address", address: "x@y.test" }, subject: "S", body: "B" }));
    expect(outcome).toEqual({ status: "pending", output: { outbox: "email", to: "x@y.test" } });
    expect(ctx.effects.outbox).toMatchObject([{ kind: "email", payload: { to: "x@y.test", subject: "S", body: "B" } }]);
  });
});
