import type { SendWebhookConfig } from "@/lib/automations/actions";
import type { ActionExecutor } from "./types";

/**
 * Queues an outbound webhook in the outbox (signed, SSRF-checked and sent by the delivery worker).
 * The body carries the causation one hop deeper, so a CRM that echoes it back bounds the loop.
 */
export const sendWebhook: ActionExecutor = {
  type: "send_webhook",
  leavesApp: true,
  execute(ctx, action) {
    const config = action.config as SendWebhookConfig;
    const { event } = ctx;
    ctx.effects.outbox.push({
      kind: "webhook",
      payload: {
        url: config.url,
        headers: config.headers ?? [],
        body: {
          type: "automation.action",
          automation: { id: ctx.automation.id, name: ctx.automation.name },
          run_id: ctx.runId,
          event: { id: ctx.eventId, type: event.type, occurred_at: event.occurredAt, entity: event.entity, previous: event.previous },
          causation: { automation_id: ctx.automation.id, depth: (event.causation?.depth ?? 0) + 1 },
        },
      },
      runId: ctx.runId,
      actionIndex: action.index,
    });
    return { status: "pending", output: { outbox: "webhook", url: config.url } };
  },
};
