// Action type → executor. The engine has already validated each config against the action
// registry's schema (lib/automations/actions.ts); an unknown type still fails here, never passes.

import type { PlannedAction } from "@/lib/engine/plan";
import { createActivity } from "./create-activity";
import { notifyUser } from "./notify-user";
import { sendEmail } from "./send-email";
import { sendWebhook } from "./send-webhook";
import { emptyEffects, type ActionContext, type ActionExecutor, type ActionOutcome } from "./types";

const EXECUTORS = new Map<string, ActionExecutor>([createActivity, notifyUser, sendEmail, sendWebhook].map((executor) => [executor.type, executor]));

export function getExecutor(type: string): ActionExecutor | undefined {
  return EXECUTORS.get(type);
}

/** What a test event's email or outbound webhook action says instead of being sent. */
export const NOT_SENT_TEST_EVENT = "Not sent: test event";

/**
 * For a test event, an action whose effect leaves the app runs in full (so a bad recipient still
 * fails) against a scratch batch that is thrown away: nothing is queued, and it says why.
 */
function executeWithoutSending(executor: ActionExecutor, ctx: ActionContext, action: PlannedAction): ActionOutcome {
  const outcome = executor.execute({ ...ctx, effects: emptyEffects() }, action);
  if (outcome.status === "failed") return outcome;
  return { status: "skipped", output: { ...outcome.output, reason: NOT_SENT_TEST_EVENT } };
}

export function executeAction(ctx: ActionContext, action: PlannedAction): ActionOutcome {
  const executor = EXECUTORS.get(action.type);
  if (!executor) return { status: "failed", error: `Unknown action type “${action.type}”` };
  try {
    if (ctx.testEvent && executor.leavesApp) return executeWithoutSending(executor, ctx, action);
    return executor.execute(ctx, action);
  } catch (error) {
    // A bug in one executor fails its action (and run) with the cause logged, never the event.
    console.error(`action ${action.type} threw`, error);
    return { status: "failed", error: "Internal error while running this action" };
  }
}
