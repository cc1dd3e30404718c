import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { countUnreadNotifications, listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-notifications-read";

describe.each(TEST_DRIVERS)("notifications on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("counts, lists and marks read the recipient's notifications only", async () => {
    const world = await makeWebhookWorld(db);
    for (const title of ["One", "Two", "Three"]) {
      await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a", title }), { secret: world.source.secret }));
    }
    const a = { claims: world.memberA.claims, workspaceId: world.workspace.id };
    const b = { claims: world.memberB.claims, workspaceId: world.workspace.id };
    expect(await countUnreadNotifications(db, a)).toBe(3);
    expect(await countUnreadNotifications(db, b)).toBe(0);
    // The admin owns the automation, yet notifications are private to their recipient.
    expect(await listNotifications(db, { claims: world.admin.claims, workspaceId: world.workspace.id })).toEqual([]);

    const items = await listNotifications(db, a);
    expect(items.map((n) => n.title).sort()).toEqual(["One moved to Negotiation", "Three moved to Negotiation", "Two moved to Negotiation"]);
    expect(await markNotificationsRead(db, { ...b, id: items[0].id, now: new Date() })).toBe(0);
    expect(await markNotificationsRead(db, { ...a, id: items[0].id, now: new Date() })).toBe(1);
    expect(await countUnreadNotifications(db, a)).toBe(2);
    expect(await markNotificationsRead(db, { ...a, now: new Date() })).toBe(2);
    expect(await countUnreadNotifications(db, a)).toBe(0);
  });

  it("links an action's notification to its run only for a reader who may open that run", async () => {
    const world = await makeWebhookWorld(db);
    await post(signedRequest(world.source.id, dealEvent({ owner: "crm-admin", title: "Own" }), { secret: world.source.secret }));
    await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a", title: "Theirs" }), { secret: world.source.secret }));
    const [admins] = await listNotifications(db, { claims: world.admin.claims, workspaceId: world.workspace.id });
    expect(admins.link).toMatch(/^\/settings\/logs\/[0-9a-f-]{36}$/);
    // Member A did not make the automation, so its run is not theirs to open.
    const [members] = await listNotifications(db, { claims: world.memberA.claims, workspaceId: world.workspace.id });
    expect(members.title).toBe("Theirs moved to Negotiation");
    expect(members.link).toBeNull();
  });
});
