import { buildOutboundRows } from "./rls-world-outbound";
import { buildCatalogRows } from "./rls-world-catalog";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { resultRows } from "./rows";
import {
  activities,
  apiTokens,
  automationRuns,
  automationVersions,
  automations,
  entitySnapshots,
  events,
  inboundDeliveries,
  notifications,
  outbox,
  runActions,
  runAttempts,
  removedMembers,
  signInAttempts,
  userSessions,
  webhookSources,
  workspaceTemplates,
  workspaceInvitations,
} from "./schema";
import { withUser, type Tx, type UserClaims } from "./with-user";
import { makeTeam, type TestUser } from "@/test/fixtures";
import { pgErrorCode } from "./pg-error";

/**
 * The cast and the rows of the row-level security tests, all written on the service path: a team
 * workspace (admin, member A, member B) and another workspace (the outsider, its admin), with rows
 * in every table owned by each of them.
 */
export type Actor = "memberA" | "memberB" | "admin" | "outsider" | "anon";
export const ACTORS: Actor[] = ["memberA", "memberB", "admin", "outsider", "anon"];

export type World = Awaited<ReturnType<typeof buildWorld>>;

const TRIGGER = { type: "deal.created" };
const ACTIONS = [{ type: "notify_user", config: { recipient: "owner", title: "Hi" } }];

export async function buildWorld(db: Db) {
  const team = await makeTeam(db);
  const { admin, memberA, memberB, outsider, workspace, other } = team;
  const ws = workspace.id;

  const automation = async (workspaceId: string, owner: TestUser, name: string) =>
    (
      await db
        .insert(automations)
        .values({ workspaceId, ownerId: owner.id, name, trigger: TRIGGER, triggerType: TRIGGER.type, actions: ACTIONS })
        .returning({ id: automations.id })
    )[0].id;
  const autoA = await automation(ws, memberA, "A's automation");
  const autoB = await automation(ws, memberB, "B's automation");
  const autoAdmin = await automation(ws, admin, "Admin's automation");
  const autoOther = await automation(other.id, outsider, "Other's automation");
  for (const [automationId, workspaceId, owner] of [[autoA, ws, memberA], [autoB, ws, memberB], [autoAdmin, ws, admin], [autoOther, other.id, outsider]] as const) {
    await db.insert(automationVersions).values({ automationId, workspaceId, version: 1, name: "v1", trigger: TRIGGER, actions: ACTIONS, authorId: owner.id });
  }
  const template = async (workspaceId: string, name: string) =>
    (await db.insert(workspaceTemplates).values({ workspaceId, name, definition: { name, trigger: TRIGGER, actions: ACTIONS } }).returning({ id: workspaceTemplates.id }))[0].id;
  const tplTeam = await template(ws, "Team template");
  const tplOther = await template(other.id, "Other template");

  const source = async (workspaceId: string, name: string) =>
    (await db.insert(webhookSources).values({ workspaceId, name, secret: `whsec_${name}` }).returning({ id: webhookSources.id }))[0].id;
  const sourceTeam = await source(ws, "team-crm");
  const sourceOther = await source(other.id, "other-crm");

  const event = async (workspaceId: string, sourceId: string, externalId: string) =>
    (
      await db
        .insert(events)
        .values({ workspaceId, sourceId, externalId, type: "deal.created", entityType: "deal", entityId: externalId, payload: {} })
        .returning({ id: events.id })
    )[0].id;
  const eventA = await event(ws, sourceTeam, "evt-a");
  const eventB = await event(ws, sourceTeam, "evt-b");
  const eventNoRun = await event(ws, sourceTeam, "evt-none");
  const eventOther = await event(other.id, sourceOther, "evt-other");

  const run = async (workspaceId: string, automationId: string, owner: TestUser, eventId: string) =>
    (
      await db
        .insert(automationRuns)
        .values({
          workspaceId,
          automationId,
          automationOwnerId: owner.id,
          automationVersion: 1,
          eventId,
          eventType: "deal.created",
          entityId: "deal-1",
          status: "succeeded",
          trace: {},
        })
        .returning({ id: automationRuns.id })
    )[0].id;
  const runA = await run(ws, autoA, memberA, eventA);
  const runB = await run(ws, autoB, memberB, eventB);
  const runOther = await run(other.id, autoOther, outsider, eventOther);

  const runAction = async (workspaceId: string, runId: string) =>
    (
      await db
        .insert(runActions)
        .values({ workspaceId, runId, actionIndex: 0, type: "notify_user", status: "succeeded" })
        .returning({ id: runActions.id })
    )[0].id;
  const actionA = await runAction(ws, runA);
  const actionB = await runAction(ws, runB);
  const actionOther = await runAction(other.id, runOther);

  // A retried run's attempts (drizzle/0027), labelled by their run; and someone removed from each workspace.
  for (const [workspaceId, runId] of [[ws, runA], [ws, runB], [other.id, runOther]]) {
    await db.insert(runAttempts).values({ runId, workspaceId, attempt: 1, automationVersion: 1, mode: "original", status: "failed" });
  }
  await db.insert(removedMembers).values([
    { workspaceId: ws, userId: outsider.id, email: outsider.email },
    { workspaceId: other.id, userId: memberA.id, email: memberA.email },
  ]);

  const delivery = async (workspaceId: string, sourceId: string) =>
    (
      await db
        .insert(inboundDeliveries)
        .values({ workspaceId, sourceId, outcome: "accepted", httpStatus: 200 })
        .returning({ id: inboundDeliveries.id })
    )[0].id;
  const deliveryTeam = await delivery(ws, sourceTeam);
  const deliveryOther = await delivery(other.id, sourceOther);

  const activity = async (workspaceId: string, assignee: TestUser, subject: string) =>
    (
      await db
        .insert(activities)
        .values({ workspaceId, assigneeId: assignee.id, subject, activityType: "call", dueAt: new Date(), entityType: "deal", entityId: "deal-1" })
        .returning({ id: activities.id })
    )[0].id;
  const activityA = await activity(ws, memberA, "Call A");
  const activityB = await activity(ws, memberB, "Call B");
  // Assigned to member A, but in a workspace A does not belong to: A must not see it.
  const activityAElsewhere = await activity(other.id, memberA, "Stale");
  const activityOther = await activity(other.id, outsider, "Call other");

  const notification = async (workspaceId: string, user: TestUser, title: string) =>
    (await db.insert(notifications).values({ workspaceId, userId: user.id, title }).returning({ id: notifications.id }))[0].id;
  const noteA = await notification(ws, memberA, "For A");
  const noteB = await notification(ws, memberB, "For B");
  const noteAdmin = await notification(ws, admin, "For admin");
  const noteOther = await notification(other.id, outsider, "For other");

  const outboxRow = async (workspaceId: string) =>
    (await db.insert(outbox).values({ workspaceId, kind: "email", payload: {} }).returning({ id: outbox.id }))[0].id;
  const outboxTeam = await outboxRow(ws);
  const outboxOther = await outboxRow(other.id);

  const outbound = await buildOutboundRows(db, { ws, other: other.id, runA, outboxTeam, outboxOther });

  await db.insert(signInAttempts).values({ key: "someone", failures: 2 });
  await db.insert(userSessions).values({ userId: memberA.id, expiresAt: new Date(Date.now() + 86_400_000) });

  // The team's admin invited the outsider; the other workspace's admin (the outsider) invited member A.
  const invitation = async (workspaceId: string, email: string, by: TestUser) =>
    (
      await db
        .insert(workspaceInvitations)
        .values({ workspaceId, email: email.toLowerCase(), invitedBy: by.id })
        .returning({ id: workspaceInvitations.id })
    )[0].id;
  const invTeam = await invitation(ws, outsider.email, admin);
  const invOther = await invitation(other.id, memberA.email, outsider);

  const apiToken = async (workspaceId: string, user: TestUser, name: string) =>
    (
      await db
        .insert(apiTokens)
        .values({ workspaceId, userId: user.id, name, prefix: `cra_${name}`.padEnd(12, "x").slice(0, 12), tokenHash: `hash-${name}` })
        .returning({ id: apiTokens.id })
    )[0].id;
  const tokenA = await apiToken(ws, memberA, "a");
  const tokenB = await apiToken(ws, memberB, "b");
  const tokenAdmin = await apiToken(ws, admin, "admin");
  const tokenOther = await apiToken(other.id, outsider, "other");

  const snapshot = async (workspaceId: string, entityId: string) => {
    const at = new Date();
    await db.insert(entitySnapshots).values({ workspaceId, entityType: "deal", entityId, data: {}, lastOccurredAt: at, lastActivityAt: at, open: true, updatedAt: at });
    return entityId;
  };
  const snapshotTeam = await snapshot(ws, "snap-team");
  const snapshotOther = await snapshot(other.id, "snap-other");

  const catalog = await buildCatalogRows(db, { ws, other: other.id });

  const users = { admin, memberA, memberB, outsider };
  return {
    ...team,
    users,
    ids: {
      autoA, autoB, autoAdmin, autoOther,
      tplTeam, tplOther,
      sourceTeam, sourceOther,
      eventA, eventB, eventNoRun, eventOther,
      runA, runB, runOther,
      actionA, actionB, actionOther,
      deliveryTeam, deliveryOther,
      activityA, activityB, activityAElsewhere, activityOther,
      noteA, noteB, noteAdmin, noteOther,
      outboxTeam, outboxOther,
      tokenA, tokenB, tokenAdmin, tokenOther,
      invTeam, invOther,
      ...outbound,
      snapshotTeam, snapshotOther,
      ...catalog,
    },
  };
}

export function claimsOf(world: World, actor: Actor): UserClaims | null {
  return actor === "anon" ? null : world.users[actor].claims;
}

/** The id behind a label ("autoB", "memberA", "team", "team/memberA" for a membership). */
export function idOf(world: World, label: string): string {
  if (label.includes("/")) return label.split("/").map((part) => idOf(world, part)).join("/");
  if (label === "team") return world.workspace.id;
  if (label === "other") return world.other.id;
  if (label in world.users) return world.users[label as keyof World["users"]].id;
  if (label in world.ids) return String(world.ids[label as keyof World["ids"]]);
  throw new Error(`no row is labelled ${label}`);
}

class Rollback extends Error {}

export type Outcome = { rows: number; labels?: string[] } | { error: string };

/**
 * Runs `fn` as the actor and always rolls back, so every case starts from the same world. A refused
 * statement comes back as its SQLSTATE.
 */
export async function attempt(
  db: Db,
  claims: UserClaims | null,
  fn: (tx: Tx) => Promise<unknown[]>,
): Promise<{ rows: unknown[] } | { error: string }> {
  let rows: unknown[] = [];
  try {
    await withUser(db, claims, async (tx) => {
      rows = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return { rows };
    const code = pgErrorCode(error);
    if (!code) throw error;
    return { error: code };
  }
  throw new Error("unreachable: the transaction always rolls back");
}

/** Every table in the public schema, to check that the tests cover each one. */
export async function publicTables(db: Db): Promise<string[]> {
  const result = await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`);
  const rows = resultRows<{ tablename: string }>(result);
  return rows.map((r) => r.tablename).filter((name) => !name.startsWith("__drizzle"));
}

