// Removing a member whom automations name (issue 22 item 4): the removal lists them and hands them
// over in the same transaction, or leaves them showing the problem, and their runs name the person.
// Through the real route and row-level security, on both drivers.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, automationVersions, removedMembers, workspaceMembers } from "@/db/schema";
import { withUser } from "@/db/with-user";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { getAutomation } from "@/lib/automations/get-automation";
import { automationListQuerySchema, listAutomationsPage } from "@/lib/automations/list-automations-page";
import { AppError } from "@/lib/result";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { automationsNamingMembers } from "./member-automations";
import { removeMember } from "./remove-member";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

function assigningTo(userId: string, name: string): AutomationFormValues {
  return {
    ...CANONICAL,
    name,
    actions: [
      { type: "create_activity", config: { subject: "Call {{deal.title}}", activityType: "call", dueInDays: 1, assignee: { kind: "member", userId } } },
      { type: "notify_user", config: { to: { kind: "member", userId }, message: "{{deal.title}} moved" } },
    ],
  };
}

describe.each(TEST_DRIVERS)("removing a member whom automations name on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function setUp() {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ isActive: false }).where(eq(automations.id, world.automationId));
    const named = await insertAutomation(db, world.workspace.id, world.memberA.id, assigningTo(world.memberB.id, "Calls for B"));
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id };
    return { world, named, scope };
  }
  const membership = (world: World, userId: string) =>
    db.select({ userId: workspaceMembers.userId }).from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, world.workspace.id), eq(workspaceMembers.userId, userId)));

  it("lists the automations naming each member, and hands them to another member as a new version, in one step", async () => {
    const { world, named, scope } = await setUp();
    expect(await automationsNamingMembers(db, scope)).toEqual({ [world.memberB.id]: [{ id: named, name: "Calls for B" }] });

    expect(await removeMember(db, { ...scope, userId: world.memberB.id, reassignTo: { kind: "member", userId: world.memberA.id } })).toEqual({ reassigned: 1 });
    expect(await membership(world, world.memberB.id)).toEqual([]);
    const [row] = await db.select({ actions: automations.actions, version: automations.version }).from(automations).where(eq(automations.id, named));
    expect(row.version).toBe(2);
    expect(row.actions).toMatchObject([{ config: { assignee: { kind: "member", userId: world.memberA.id } } }, { config: { to: { kind: "member", userId: world.memberA.id } } }]);
    const [version] = await db.select({ summary: automationVersions.summary, authorId: automationVersions.authorId }).from(automationVersions).where(and(eq(automationVersions.automationId, named), eq(automationVersions.version, 2)));
    expect(version).toEqual({ summary: `Reassigned from ${world.memberB.email} (removed from the workspace) to ${world.memberA.email}`, authorId: world.admin.id });
    expect((await getAutomation(db, { ...scope, id: named })).removedMember).toBeNull();
  });

  it("hands them to the deal owner", async () => {
    const { world, named, scope } = await setUp();
    await removeMember(db, { ...scope, userId: world.memberB.id, reassignTo: { kind: "deal_owner" } });
    const [row] = await db.select({ actions: automations.actions }).from(automations).where(eq(automations.id, named));
    expect(row.actions).toMatchObject([{ config: { assignee: { kind: "deal_owner" } } }, { config: { to: { kind: "deal_owner" } } }]);
  });

  it("refuses a successor who is not a member, and a member removing someone, changing nothing", async () => {
    const { world, named, scope } = await setUp();
    const refusal = await removeMember(db, { ...scope, userId: world.memberB.id, reassignTo: { kind: "member", userId: world.outsider.id } }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "invalid_input", message: "Choose a current member to take over their automations." });
    const byMember = await removeMember(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, userId: world.memberB.id, reassignTo: { kind: "deal_owner" } }).catch((e: unknown) => e);
    expect(byMember).toBeInstanceOf(AppError);
    expect(await membership(world, world.memberB.id)).toHaveLength(1);
    const [row] = await db.select({ version: automations.version }).from(automations).where(eq(automations.id, named));
    expect(row.version).toBe(1);
    expect(await db.select().from(removedMembers).where(eq(removedMembers.workspaceId, world.workspace.id))).toEqual([]);
  });

  it("left as it is, the automation shows the problem on its page and in the list, and its run fails naming the person", async () => {
    const { world, named, scope } = await setUp();
    await db.update(automations).set({ isActive: true }).where(eq(automations.id, named));
    await removeMember(db, { ...scope, userId: world.memberB.id });
    expect((await getAutomation(db, { ...scope, id: named })).removedMember).toBe(world.memberB.email);
    const page = await listAutomationsPage(db, { ...scope, query: automationListQuerySchema.parse({}) });
    expect(page.rows.find((r) => r.id === named)?.removedMember).toBe(world.memberB.email);

    const { body } = await post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }));
    const run = (body.runs as { automationId?: string; status: string; error?: string }[]).find((r) => r.automationId === named)!;
    expect(run.status).toBe("failed");
    expect(run.error).toBe(`Action 1 (Create activity): ${world.memberB.email} was removed from this workspace: choose someone else in the automation`);
  });

  it("removed members are readable by the workspace's members only, and re-adding someone clears them", async () => {
    const { world, scope } = await setUp();
    await removeMember(db, { ...scope, userId: world.memberB.id });
    const read = (claims: Parameters<typeof withUser>[1]) => withUser(db, claims, (tx) => tx.select({ email: removedMembers.email }).from(removedMembers));
    expect(await read(world.memberA.claims)).toEqual([{ email: world.memberB.email }]);
    expect(await read(world.outsider.claims)).toEqual([]);
    expect(await read(null)).toEqual([]);
    await db.insert(workspaceMembers).values({ workspaceId: world.workspace.id, userId: world.memberB.id, role: "member" });
    expect(await read(world.admin.claims)).toEqual([]);
  });
});
