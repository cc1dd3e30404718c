// Action type → executor. The engine has already validated each config against the action
// registry's schema (lib/automations/actions.ts); an unknown type still fails here, never passes.

import type { PlannedAction } from "@/lib/engine/plan";
import { createActivity } from "./create-activity";
import { notifyUser } from "./notify-user";
import { sendEmail } from "./send-email";
import { sendWebhook } from "./send-webhook";
import type { ActionContext, ActionExecutor, ActionOutcome } from "./types";

const EXECUTORS = new Map<string, ActionExecutor>([createActivity, notifyUser, sendEmail, sendWebhook].map((executor) => [executor.type, executor]));

export function getExecutor(type: string): ActionExecutor | undefined {
  return EXECUTORS.get(type);
}

export function executeAction(ctx: ActionContext, action: PlannedAction): ActionOutcome {
  const executor = EXECUTORS.get(action.type);
  if (!executor) return { status: "failed", error: `Unknown action type “${action.type}”` };
  try {
    return executor.execute(ctx, action);
  } catch (error) {
    // A bug in one executor fails its action (and run) with the cause logged, never the event.
    console.error(`action ${action.type} threw`, error);
    return { status: "failed", error: "Internal error while running this action" };
  }
}
