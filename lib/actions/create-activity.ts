import type { CreateActivityConfig } from "@/lib/automations/actions";
import { truncateText } from "@/lib/text/truncate";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { dueDate } from "./due-date";
import { fallbackOutput, resolveRecipient } from "./recipients";
import type { ActionExecutor } from "./types";

/** What the activities page shows as "the deal": a title, name or subject, when the entity has one. */
function entityTitle(data: Record<string, unknown>): string | null {
  for (const key of ["title", "name", "subject"]) {
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    if (typeof value === "string" && value.trim() !== "") return truncateText(value.trim(), 200);
  }
  return null;
}

/** A follow-up for a person, due N (business) days after the event was received (due-date.ts). */
export const createActivity: ActionExecutor = {
  type: "create_activity",
  execute(ctx, action) {
    const config = action.config as CreateActivityConfig;
    const assignee = resolveRecipient(ctx, config.assignee, config.ifOwnerMissing);
    if (assignee.ok === "skip") return { status: "skipped", output: { reason: assignee.reason } };
    if (!assignee.ok) return { status: "failed", error: assignee.error, problem: assignee.problem };
    const id = timeOrderedId();
    const dueAt = dueDate(ctx.now, config, ctx.timeZone ?? "UTC");
    const { entity } = ctx.event;
    ctx.effects.activities.push({
      id,
      assigneeId: assignee.value.id,
      subject: config.subject,
      activityType: config.activityType,
      dueAt,
      note: config.note?.trim() ? config.note : null,
      entityType: entity.type,
      entityId: entity.id,
      entityTitle: entityTitle(entity.data),
      automationId: ctx.automation.id,
      runId: ctx.runId,
      actionIndex: action.index,
    });
    return {
      status: "succeeded",
      output: { activityId: id, assigneeId: assignee.value.id, assigneeEmail: assignee.value.email, subject: config.subject, dueAt: dueAt.toISOString(), ...fallbackOutput(assignee) },
    };
  },
};
