// Rendered text in the workspace's locale and due times in its time zone (issue 22 item 10), through
// the real route on both drivers: the follow-up's subject writes the amount as the locale does and is
// due at the chosen local time after business days; the outbound webhook's JSON keeps the raw number.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automations, outbox, workspaces } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";

describe.each(TEST_DRIVERS)("rendered text in the workspace's format on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("formats numbers in text per the locale, keeps webhook JSON raw, and dues at HH:MM after business days in the zone", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(workspaces).set({ locale: "de-DE", timeZone: "Europe/Berlin" }).where(eq(workspaces.id, world.workspace.id));
    await db.update(automations).set({ isActive: false }).where(eq(automations.id, world.automationId));
    await insertAutomation(db, world.workspace.id, world.admin.id, {
      ...CANONICAL,
      name: "Formatted",
      actions: [
        { type: "create_activity", config: { subject: "Call about {{deal.amount}} EUR ({{deal.owner_id}})", activityType: "call", dueInDays: 2, dueTime: "09:00", businessDays: true, assignee: { kind: "deal_owner" } } },
        { type: "send_webhook", config: { url: "https://hooks.example.test/deal", headers: [] } },
      ],
    });
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a", amount: 55000 }), { secret: world.source.secret }));
    // The canonical automation, switched off just now, records a missed run beside it.
    const runId = (body.runs as { runId: string; status: string }[]).find((run) => run.status !== "missed")!.runId;

    const [activity] = await db.select({ subject: activities.subject, dueAt: activities.dueAt }).from(activities).where(eq(activities.runId, runId));
    expect(activity.subject).toBe("Call about 55.000 EUR (crm-a)");
    const local = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(activity.dueAt);
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    expect(activity.dueAt.getTime()).toBeGreaterThan(Date.now() + 30 * 3_600_000);

    const [delivery] = await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.runId, runId));
    expect((delivery.payload as { body: { event: { entity: { data: { amount: unknown } } } } }).body.event.entity.data.amount).toBe(55000);
  });
});
