import type { NotifyUserConfig } from "@/lib/automations/actions";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { fallbackOutput, resolveRecipient } from "./recipients";
import type { ActionExecutor } from "./types";

/** An in-app notification: the header bell and /notifications. */
export const notifyUser: ActionExecutor = {
  type: "notify_user",
  execute(ctx, action) {
    const config = action.config as NotifyUserConfig;
    const recipient = resolveRecipient(ctx, config.to, config.ifOwnerMissing);
    if (recipient.ok === "skip") return { status: "skipped", output: { reason: recipient.reason } };
    if (!recipient.ok) return { status: "failed", error: recipient.error, problem: recipient.problem };
    const id = timeOrderedId();
    ctx.effects.notifications.push({
      id,
      userId: recipient.value.id,
      title: config.message.slice(0, 500),
      body: `From the automation “${ctx.automation.name}”`,
      link: null,
      automationId: ctx.automation.id,
      runId: ctx.runId,
      actionIndex: action.index,
    });
    return { status: "succeeded", output: { notificationId: id, userId: recipient.value.id, userEmail: recipient.value.email, ...fallbackOutput(recipient) } };
  },
};
