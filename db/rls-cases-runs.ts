import { eq } from "drizzle-orm";
import { activities, automationRuns, notifications, outbox, removedMembers, runActions, runAttempts } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";

// Runs, their actions and their effects are written by the engine on the service path; users read
// them (and complete their follow-ups, and mark their notifications read).
export const runCases: RlsCase[] = [
  ...visibility("automation_runs", (tx) => tx.select({ id: automationRuns.id }).from(automationRuns), {
    memberA: ["runA"],
    memberB: ["runB"],
    admin: ["runA", "runB"],
    outsider: ["runOther"],
    anon: [],
  }),
  write("automation_runs", "admin", "cannot record a run as a user", DENIED, (tx, w) =>
    tx
      .insert(automationRuns)
      .values({
        workspaceId: w.workspace.id,
        automationId: w.ids.autoA,
        automationOwnerId: w.users.memberA.id,
        automationVersion: 1,
        eventId: w.ids.eventNoRun,
        eventType: "deal.created",
        entityId: "d",
        status: "succeeded",
        trace: {},
      })
      .returning({ id: automationRuns.id }),
  ),
  write("automation_runs", "memberA", "cannot rewrite their own run", NONE, (tx, w) =>
    tx.update(automationRuns).set({ status: "failed" }).where(eq(automationRuns.id, w.ids.runA)).returning({ id: automationRuns.id }),
  ),
  write("automation_runs", "admin", "cannot delete a run", NONE, (tx, w) =>
    tx.delete(automationRuns).where(eq(automationRuns.id, w.ids.runA)).returning({ id: automationRuns.id }),
  ),
  write("automation_runs", "anon", "cannot rewrite a run", DENIED, (tx, w) =>
    tx.update(automationRuns).set({ status: "failed" }).where(eq(automationRuns.id, w.ids.runA)).returning({ id: automationRuns.id }),
  ),

  ...visibility("run_actions", (tx) => tx.select({ id: runActions.id }).from(runActions), {
    memberA: ["actionA"],
    memberB: ["actionB"],
    admin: ["actionA", "actionB"],
    outsider: ["actionOther"],
    anon: [],
  }),
  write("run_actions", "memberA", "cannot add an action to their run", DENIED, (tx, w) =>
    tx
      .insert(runActions)
      .values({ workspaceId: w.workspace.id, runId: w.ids.runA, actionIndex: 1, type: "notify_user", status: "succeeded" })
      .returning({ id: runActions.id }),
  ),
  write("run_actions", "admin", "cannot rewrite an action's outcome", NONE, (tx, w) =>
    tx.update(runActions).set({ status: "failed" }).where(eq(runActions.id, w.ids.actionA)).returning({ id: runActions.id }),
  ),
  write("run_actions", "admin", "cannot delete an action's record", NONE, (tx, w) =>
    tx.delete(runActions).where(eq(runActions.id, w.ids.actionA)).returning({ id: runActions.id }),
  ),
  write("run_actions", "anon", "cannot rewrite an action's outcome", DENIED, (tx, w) =>
    tx.update(runActions).set({ status: "failed" }).where(eq(runActions.id, w.ids.actionA)).returning({ id: runActions.id }),
  ),

  // A run's attempts (drizzle/0027) follow the run; only the retry path (service) writes them.
  ...visibility("run_attempts", (tx) => tx.select({ id: runAttempts.runId }).from(runAttempts), {
    memberA: ["runA"],
    memberB: ["runB"],
    admin: ["runA", "runB"],
    outsider: ["runOther"],
    anon: [],
  }),
  write("run_attempts", "admin", "cannot record an attempt as a user", DENIED, (tx, w) =>
    tx.insert(runAttempts).values({ runId: w.ids.runA, workspaceId: w.workspace.id, attempt: 2, automationVersion: 1, mode: "as_ran", status: "succeeded" }).returning({ id: runAttempts.runId }),
  ),
  write("run_attempts", "memberA", "cannot rewrite an attempt of their run", DENIED, (tx, w) =>
    tx.update(runAttempts).set({ status: "succeeded" }).where(eq(runAttempts.runId, w.ids.runA)).returning({ id: runAttempts.runId }),
  ),
  write("run_attempts", "anon", "cannot delete an attempt", DENIED, (tx, w) =>
    tx.delete(runAttempts).where(eq(runAttempts.runId, w.ids.runA)).returning({ id: runAttempts.runId }),
  ),

  // People removed from a workspace: its members read them (to name them); a trigger writes them.
  ...visibility("removed_members", (tx) => tx.select({ id: removedMembers.workspaceId }).from(removedMembers), {
    memberA: ["team"],
    memberB: ["team"],
    admin: ["team"],
    outsider: ["other"],
    anon: [],
  }),
  write("removed_members", "admin", "cannot note a removal by hand", DENIED, (tx, w) =>
    tx.insert(removedMembers).values({ workspaceId: w.workspace.id, userId: w.users.memberB.id, email: "x@example.test" }).returning({ id: removedMembers.workspaceId }),
  ),
  write("removed_members", "memberA", "cannot erase a removal", DENIED, (tx, w) =>
    tx.delete(removedMembers).where(eq(removedMembers.workspaceId, w.workspace.id)).returning({ id: removedMembers.workspaceId }),
  ),
  write("removed_members", "outsider", "cannot rewrite a removal", DENIED, (tx) =>
    tx.update(removedMembers).set({ email: "y@example.test" }).returning({ id: removedMembers.workspaceId }),
  ),
  write("removed_members", "memberB", "cannot note a removal", DENIED, (tx, w) =>
    tx.insert(removedMembers).values({ workspaceId: w.workspace.id, userId: w.users.memberB.id, email: "x@example.test" }).returning({ id: removedMembers.workspaceId }),
  ),
  write("removed_members", "anon", "cannot note a removal", DENIED, (tx, w) =>
    tx.insert(removedMembers).values({ workspaceId: w.workspace.id, userId: w.users.memberB.id, email: "x@example.test" }).returning({ id: removedMembers.workspaceId }),
  ),

  // activities: the assignee's (in a workspace they still belong to); admins see the workspace's.
  ...visibility("activities", (tx) => tx.select({ id: activities.id }).from(activities), {
    memberA: ["activityA"],
    memberB: ["activityB"],
    admin: ["activityA", "activityB"],
    outsider: ["activityAElsewhere", "activityOther"],
    anon: [],
  }),
  write("activities", "memberA", "completes their follow-up", ONE, (tx, w) =>
    tx.update(activities).set({ doneAt: new Date() }).where(eq(activities.id, w.ids.activityA)).returning({ id: activities.id }),
  ),
  write("activities", "memberA", "cannot complete a workspace-mate's follow-up", NONE, (tx, w) =>
    tx.update(activities).set({ doneAt: new Date() }).where(eq(activities.id, w.ids.activityB)).returning({ id: activities.id }),
  ),
  write("activities", "admin", "cannot complete a member's follow-up", NONE, (tx, w) =>
    tx.update(activities).set({ doneAt: new Date() }).where(eq(activities.id, w.ids.activityA)).returning({ id: activities.id }),
  ),
  write("activities", "memberA", "cannot touch a follow-up in a workspace they left", NONE, (tx, w) =>
    tx.update(activities).set({ doneAt: new Date() }).where(eq(activities.id, w.ids.activityAElsewhere)).returning({ id: activities.id }),
  ),
  write("activities", "memberA", "cannot hand their follow-up to someone else", DENIED, (tx, w) =>
    tx.update(activities).set({ assigneeId: w.users.memberB.id }).where(eq(activities.id, w.ids.activityA)).returning({ id: activities.id }),
  ),
  write("activities", "memberA", "cannot create a follow-up directly", DENIED, (tx, w) =>
    tx
      .insert(activities)
      .values({
        workspaceId: w.workspace.id,
        assigneeId: w.users.memberA.id,
        subject: "Self-made",
        activityType: "call",
        dueAt: new Date(),
        entityType: "deal",
        entityId: "d",
      })
      .returning({ id: activities.id }),
  ),
  write("activities", "memberA", "cannot delete their follow-up", NONE, (tx, w) =>
    tx.delete(activities).where(eq(activities.id, w.ids.activityA)).returning({ id: activities.id }),
  ),
  write("activities", "anon", "cannot complete a follow-up", DENIED, (tx, w) =>
    tx.update(activities).set({ doneAt: new Date() }).where(eq(activities.id, w.ids.activityA)).returning({ id: activities.id }),
  ),

  // notifications: their recipient's alone, admins included.
  ...visibility("notifications", (tx) => tx.select({ id: notifications.id }).from(notifications), {
    memberA: ["noteA"],
    memberB: ["noteB"],
    admin: ["noteAdmin"],
    outsider: ["noteOther"],
    anon: [],
  }),
  write("notifications", "memberA", "marks their notification read", ONE, (tx, w) =>
    tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, w.ids.noteA)).returning({ id: notifications.id }),
  ),
  write("notifications", "memberA", "cannot mark a workspace-mate's notification read", NONE, (tx, w) =>
    tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, w.ids.noteB)).returning({ id: notifications.id }),
  ),
  write("notifications", "admin", "cannot touch a member's notification", NONE, (tx, w) =>
    tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, w.ids.noteA)).returning({ id: notifications.id }),
  ),
  write("notifications", "memberA", "cannot redirect their notification to someone else", DENIED, (tx, w) =>
    tx.update(notifications).set({ userId: w.users.memberB.id }).where(eq(notifications.id, w.ids.noteA)).returning({ id: notifications.id }),
  ),
  write("notifications", "memberA", "cannot send a notification", DENIED, (tx, w) =>
    tx.insert(notifications).values({ workspaceId: w.workspace.id, userId: w.users.memberB.id, title: "Spoof" }).returning({ id: notifications.id }),
  ),
  write("notifications", "memberA", "cannot delete their notification", NONE, (tx, w) =>
    tx.delete(notifications).where(eq(notifications.id, w.ids.noteA)).returning({ id: notifications.id }),
  ),
  write("notifications", "anon", "cannot mark a notification read", DENIED, (tx, w) =>
    tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, w.ids.noteA)).returning({ id: notifications.id }),
  ),

  // outbox: deliveries waiting to be sent; admins may look, and whoever reads a run reads its
  // deliveries; nobody edits them as a user.
  ...visibility("outbox", (tx) => tx.select({ id: outbox.id }).from(outbox), {
    memberA: ["outboxRunA"],
    memberB: [],
    admin: ["outboxTeam", "outboxRunA"],
    outsider: ["outboxOther"],
    anon: [],
  }),
  write("outbox", "admin", "cannot queue a delivery", DENIED, (tx, w) =>
    tx.insert(outbox).values({ workspaceId: w.workspace.id, kind: "webhook", payload: { url: "http://example.test" } }).returning({ id: outbox.id }),
  ),
  write("outbox", "admin", "cannot rewrite a queued delivery", NONE, (tx, w) =>
    tx.update(outbox).set({ payload: { url: "http://evil.test" } }).where(eq(outbox.id, w.ids.outboxTeam)).returning({ id: outbox.id }),
  ),
  write("outbox", "admin", "cannot delete a queued delivery", NONE, (tx, w) =>
    tx.delete(outbox).where(eq(outbox.id, w.ids.outboxTeam)).returning({ id: outbox.id }),
  ),
  write("outbox", "anon", "cannot rewrite a queued delivery", DENIED, (tx, w) =>
    tx.update(outbox).set({ status: "sent" }).where(eq(outbox.id, w.ids.outboxTeam)).returning({ id: outbox.id }),
  ),
];
