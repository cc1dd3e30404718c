import type { SendEmailConfig } from "@/lib/automations/actions";
import { fallbackOutput, resolveEmail } from "./recipients";
import type { ActionExecutor } from "./types";

/** Queues an email in the outbox; a worker sends it after commit, so the action stays pending. */
export const sendEmail: ActionExecutor = {
  type: "send_email",
  leavesApp: true,
  execute(ctx, action) {
    const config = action.config as SendEmailConfig;
    const to = resolveEmail(ctx, config.to, config.ifOwnerMissing);
    if (to.ok === "skip") return { status: "skipped", output: { reason: to.reason } };
    if (!to.ok) return { status: "failed", error: to.error, problem: to.problem };
    ctx.effects.outbox.push({
      kind: "email",
      payload: { to: to.value, subject: config.subject, body: config.body, automationId: ctx.automation.id, eventId: ctx.eventId },
      runId: ctx.runId,
      actionIndex: action.index,
    });
    return { status: "pending", output: { outbox: "email", to: to.value, ...fallbackOutput(to) } };
  },
};
