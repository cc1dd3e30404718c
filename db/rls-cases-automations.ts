import { eq } from "drizzle-orm";
import { automations, events, inboundDeliveries, webhookSources } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";
import type { World } from "./rls-world";

const TRIGGER = { type: "deal.created" };

function newAutomation(workspaceId: string, ownerId: string) {
  return { workspaceId, ownerId, name: "New", trigger: TRIGGER, triggerType: TRIGGER.type, actions: [] };
}

const team = (w: World) => w.workspace.id;


export const automationCases: RlsCase[] = [
  // automations: a member manages their own; an admin every one of the workspace.
  ...visibility("automations", (tx) => tx.select({ id: automations.id }).from(automations), {
    memberA: ["autoA"],
    memberB: ["autoB"],
    admin: ["autoA", "autoAdmin", "autoB"],
    outsider: ["autoOther"],
    anon: [],
  }),
  write("automations", "memberA", "creates their own automation", ONE, (tx, w) =>
    tx.insert(automations).values(newAutomation(team(w), w.users.memberA.id)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "cannot create one owned by a workspace-mate", DENIED, (tx, w) =>
    tx.insert(automations).values(newAutomation(team(w), w.users.memberB.id)).returning({ id: automations.id }),
  ),
  write("automations", "admin", "creates one owned by a member", ONE, (tx, w) =>
    tx.insert(automations).values(newAutomation(team(w), w.users.memberB.id)).returning({ id: automations.id }),
  ),
  write("automations", "outsider", "cannot create one in another workspace", DENIED, (tx, w) =>
    tx.insert(automations).values(newAutomation(team(w), w.users.outsider.id)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "cannot create one in a workspace they are not in", DENIED, (tx, w) =>
    tx.insert(automations).values(newAutomation(w.other.id, w.users.memberA.id)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "edits their own automation", ONE, (tx, w) =>
    tx.update(automations).set({ name: "Mine" }).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "cannot edit a workspace-mate's automation", NONE, (tx, w) =>
    tx.update(automations).set({ isActive: false }).where(eq(automations.id, w.ids.autoB)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "cannot hand their automation to someone else", DENIED, (tx, w) =>
    tx.update(automations).set({ ownerId: w.users.memberB.id }).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "admin", "edits a member's automation", ONE, (tx, w) =>
    tx.update(automations).set({ isActive: false }).where(eq(automations.id, w.ids.autoB)).returning({ id: automations.id }),
  ),
  write("automations", "admin", "cannot move an automation to a workspace they are not in", DENIED, (tx, w) =>
    tx.update(automations).set({ workspaceId: w.other.id }).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "outsider", "cannot edit another workspace's automation", NONE, (tx, w) =>
    tx.update(automations).set({ name: "Taken" }).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "deletes their own automation", ONE, (tx, w) =>
    tx.delete(automations).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "memberA", "cannot delete a workspace-mate's automation", NONE, (tx, w) =>
    tx.delete(automations).where(eq(automations.id, w.ids.autoB)).returning({ id: automations.id }),
  ),
  write("automations", "admin", "deletes a member's automation", ONE, (tx, w) =>
    tx.delete(automations).where(eq(automations.id, w.ids.autoB)).returning({ id: automations.id }),
  ),
  write("automations", "outsider", "cannot delete another workspace's automation", NONE, (tx, w) =>
    tx.delete(automations).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),
  write("automations", "anon", "cannot create an automation", DENIED, (tx, w) =>
    tx.insert(automations).values(newAutomation(team(w), w.users.memberA.id)).returning({ id: automations.id }),
  ),
  write("automations", "anon", "cannot edit an automation", DENIED, (tx, w) =>
    tx.update(automations).set({ name: "Anon" }).where(eq(automations.id, w.ids.autoA)).returning({ id: automations.id }),
  ),

  // webhook_sources hold secrets: admins only.
  ...visibility("webhook_sources", (tx) => tx.select({ id: webhookSources.id }).from(webhookSources), {
    memberA: [],
    memberB: [],
    admin: ["sourceTeam"],
    outsider: ["sourceOther"],
    anon: [],
  }),
  write("webhook_sources", "admin", "creates a source", ONE, (tx, w) =>
    tx.insert(webhookSources).values({ workspaceId: team(w), name: "New", secret: "whsec_new" }).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "memberA", "cannot create a source", DENIED, (tx, w) =>
    tx.insert(webhookSources).values({ workspaceId: team(w), name: "Mine", secret: "whsec_mine" }).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "admin", "rotates a source's secret", ONE, (tx, w) =>
    tx.update(webhookSources).set({ secret: "whsec_rotated" }).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "memberA", "cannot change a source", NONE, (tx, w) =>
    tx.update(webhookSources).set({ secret: "whsec_mine" }).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "outsider", "cannot change another workspace's source", NONE, (tx, w) =>
    tx.update(webhookSources).set({ isActive: false }).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "admin", "cannot move a source to another workspace", DENIED, (tx, w) =>
    tx.update(webhookSources).set({ workspaceId: w.other.id }).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "admin", "deletes a source", ONE, (tx, w) =>
    tx.delete(webhookSources).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "memberA", "cannot delete a source", NONE, (tx, w) =>
    tx.delete(webhookSources).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "admin", "cannot delete another workspace's source", NONE, (tx, w) =>
    tx.delete(webhookSources).where(eq(webhookSources.id, w.ids.sourceOther)).returning({ id: webhookSources.id }),
  ),
  write("webhook_sources", "anon", "cannot change a source", DENIED, (tx, w) =>
    tx.update(webhookSources).set({ secret: "whsec_anon" }).where(eq(webhookSources.id, w.ids.sourceTeam)).returning({ id: webhookSources.id }),
  ),

  // events: admins read the workspace's; a member those that ran one of their automations.
  // Written by the webhook route on the service path only.
  ...visibility("events", (tx) => tx.select({ id: events.id }).from(events), {
    memberA: ["eventA"],
    memberB: ["eventB"],
    admin: ["eventA", "eventB", "eventNoRun"],
    outsider: ["eventOther"],
    anon: [],
  }),
  write("events", "admin", "cannot record an event as a user", DENIED, (tx, w) =>
    tx
      .insert(events)
      .values({ workspaceId: team(w), sourceId: w.ids.sourceTeam, externalId: "forged", type: "deal.created", entityType: "deal", entityId: "d", payload: {} })
      .returning({ id: events.id }),
  ),
  write("events", "admin", "cannot rewrite an event", NONE, (tx, w) =>
    tx.update(events).set({ payload: { forged: true } }).where(eq(events.id, w.ids.eventA)).returning({ id: events.id }),
  ),
  write("events", "admin", "cannot delete an event", NONE, (tx, w) =>
    tx.delete(events).where(eq(events.id, w.ids.eventA)).returning({ id: events.id }),
  ),
  write("events", "anon", "cannot rewrite an event", DENIED, (tx, w) =>
    tx.update(events).set({ status: "failed" }).where(eq(events.id, w.ids.eventA)).returning({ id: events.id }),
  ),

  // inbound_deliveries: the admins' troubleshooting log, written by the service path.
  ...visibility("inbound_deliveries", (tx) => tx.select({ id: inboundDeliveries.id }).from(inboundDeliveries), {
    memberA: [],
    memberB: [],
    admin: ["deliveryTeam"],
    outsider: ["deliveryOther"],
    anon: [],
  }),
  write("inbound_deliveries", "admin", "cannot forge a delivery", DENIED, (tx, w) =>
    tx
      .insert(inboundDeliveries)
      .values({ workspaceId: team(w), sourceId: w.ids.sourceTeam, outcome: "accepted", httpStatus: 200 })
      .returning({ id: inboundDeliveries.id }),
  ),
  write("inbound_deliveries", "admin", "cannot rewrite a delivery", NONE, (tx, w) =>
    tx.update(inboundDeliveries).set({ reason: "x" }).where(eq(inboundDeliveries.id, w.ids.deliveryTeam)).returning({ id: inboundDeliveries.id }),
  ),
  write("inbound_deliveries", "admin", "cannot delete a delivery", NONE, (tx, w) =>
    tx.delete(inboundDeliveries).where(eq(inboundDeliveries.id, w.ids.deliveryTeam)).returning({ id: inboundDeliveries.id }),
  ),
  write("inbound_deliveries", "anon", "cannot delete a delivery", DENIED, (tx, w) =>
    tx.delete(inboundDeliveries).where(eq(inboundDeliveries.id, w.ids.deliveryTeam)).returning({ id: inboundDeliveries.id }),
  ),
];
