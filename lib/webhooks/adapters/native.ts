// The native format is the engine's own vocabulary on the wire (snake_case): validate and rename.

import { nativeEventSchema, type NativeEventBody, type NormalizedEvent } from "@/lib/engine/event";
import { toPayloadIssues, type PayloadAdapter } from "./types";

export function fromNativeBody(body: NativeEventBody): NormalizedEvent {
  return {
    type: body.type,
    occurredAt: body.occurred_at,
    entity: { type: body.entity.type, id: body.entity.id, data: body.entity.data },
    previous: body.previous ?? null,
    actor: body.actor ?? null,
    causation: body.causation ? { automationId: body.causation.automation_id, depth: body.causation.depth } : null,
  };
}

export const nativeAdapter: PayloadAdapter = {
  format: "native",
  normalize(body) {
    const parsed = nativeEventSchema.safeParse(body);
    return parsed.success
      ? { ok: true, event: fromNativeBody(parsed.data) }
      : { ok: false, issues: toPayloadIssues(parsed.error.issues) };
  },
};
