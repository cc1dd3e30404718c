import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { listMyActivities } from "./list-my-activities";
import { setActivityDone } from "./set-activity-done";

describe.each(TEST_DRIVERS)("my follow-ups on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("lists the assignee's activities with the deal and the automation, and only theirs", async () => {
    const world = await makeWebhookWorld(db);
    const send = (owner: string, title: string) => post(signedRequest(world.source.id, dealEvent({ owner, title }), { secret: world.source.secret }));
    await send("crm-a", "Acme");
    await send("crm-a", "Initech");
    await send("crm-b", "Globex");
    await send("crm-admin", "Umbrella");

    const mine = await listMyActivities(db, { claims: world.memberA.claims, workspaceId: world.workspace.id });
    expect(mine.open.map((a) => [a.subject, a.entityTitle, a.automationName])).toEqual([
      ["Follow up on Acme", "Acme", "Negotiation follow-up"],
      ["Follow up on Initech", "Initech", "Negotiation follow-up"],
    ]);
    expect(mine.done).toEqual([]);
    // An admin may read the workspace's activities, but "my follow-ups" stays personal.
    const admins = await listMyActivities(db, { claims: world.admin.claims, workspaceId: world.workspace.id });
    expect(admins.open.map((a) => a.subject)).toEqual(["Follow up on Umbrella"]);
    // The link to the run that made an activity shows only to those who may open that run: the
    // automation's owner (the admin here), not the member it assigned work to.
    expect(admins.open[0].runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine.open.map((a) => a.runId)).toEqual([null, null]);
    expect((await listMyActivities(db, { claims: world.outsider.claims, workspaceId: world.workspace.id })).open).toEqual([]);
  });

  it("lets only the assignee tick an activity done", async () => {
    const world = await makeWebhookWorld(db);
    await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    const [{ id }] = await db.select({ id: activities.id }).from(activities).where(eq(activities.workspaceId, world.workspace.id));
    const now = new Date();
    for (const other of [world.memberB, world.admin]) {
      await expect(setActivityDone(db, { claims: other.claims, workspaceId: world.workspace.id, activityId: id, done: true, now })).rejects.toThrow("Activity not found");
    }
    await setActivityDone(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, activityId: id, done: true, now });
    const after = await listMyActivities(db, { claims: world.memberA.claims, workspaceId: world.workspace.id });
    expect(after.open).toEqual([]);
    expect(after.done.map((a) => a.doneAt?.getTime())).toEqual([now.getTime()]);
    await setActivityDone(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, activityId: id, done: false, now });
    expect((await listMyActivities(db, { claims: world.memberA.claims, workspaceId: world.workspace.id })).open).toHaveLength(1);
  });
});
