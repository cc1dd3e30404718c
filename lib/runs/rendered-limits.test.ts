// Issue 20 item 10 through the webhook route: a 250 KB deal title stays within each rendered
// field's limit in what is stored (activity subject and note, notification, queued email), and
// the stored run trace says what was cut.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, notifications, outbox } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";

describe.each(TEST_DRIVERS)("rendered text limits on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("stores every rendered field of a 250 KB title cut to its limit, and the trace says so", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await insertAutomation(db, world.workspace.id, world.admin.id, {
      name: "Everything long",
      trigger: { type: "deal.stage_changed", to: "negotiation" },
      conditions: null,
      actions: [
        { type: "create_activity", config: { subject: "Follow up on {{deal.title}}", note: "{{deal.title}}", activityType: "call", dueInDays: 1, assignee: { kind: "deal_owner" } } },
        { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} moved" } },
        { type: "send_email", config: { to: { kind: "deal_owner" }, subject: "{{deal.title}}", body: "{{deal.title}}" } },
      ],
    });
    const title = "T".repeat(250_000);
    const { status } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a", title }), { secret: world.source.secret }));
    expect(status).toBe(200);

    const stored = await db.select({ subject: activities.subject, note: activities.note, entityTitle: activities.entityTitle }).from(activities).where(eq(activities.automationId, automationId));
    expect(stored.map((a) => [a.subject.length, a.note?.length, a.entityTitle?.length, a.subject.endsWith("…")])).toEqual([[200, 2000, 200, true]]);
    const [notification] = await db.select({ title: notifications.title }).from(notifications).where(eq(notifications.automationId, automationId));
    expect(notification.title.length).toBe(500);
    const [email] = await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.workspaceId, world.workspace.id));
    const payload = email.payload as { subject: string; body: string };
    expect([payload.subject.length, payload.body.length]).toEqual([200, 10_000]);

    const [run] = await db.select({ trace: automationRuns.trace }).from(automationRuns).where(eq(automationRuns.automationId, automationId));
    expect((run.trace as { templates: { truncated: unknown[] } }).templates.truncated).toEqual([
      { action: 1, field: "subject", length: 250_013, max: 200 },
      { action: 1, field: "note", length: 250_000, max: 2000 },
      { action: 2, field: "message", length: 250_006, max: 500 },
      { action: 3, field: "subject", length: 250_000, max: 200 },
      { action: 3, field: "body", length: 250_000, max: 10_000 },
    ]);
  });
});
