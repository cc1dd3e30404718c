// The native format is the engine's own vocabulary on the wire (snake_case): validate and rename.

import { expandAlias } from "@/lib/engine/canonical-event";
import { nativeEventSchema, type NativeEventBody, type NormalizedEvent } from "@/lib/engine/event";
import { occurredAtIssue } from "./occurred-at";
import { toPayloadIssues, type PayloadAdapter } from "./types";

/** The engine's event for a validated body; a shorthand type (`deal.won`) becomes its updated event. */
export function fromNativeBody(body: NativeEventBody): NormalizedEvent {
  return expandAlias({
    type: body.type,
    occurredAt: body.occurred_at,
    entity: { type: body.entity.type, id: body.entity.id, data: body.entity.data },
    previous: body.previous ?? null,
    actor: body.actor ?? null,
    causation: body.causation ? { automationId: body.causation.automation_id, depth: body.causation.depth } : null,
  });
}

export const nativeAdapter: PayloadAdapter = {
  format: "native",
  normalize(body, { now }) {
    const parsed = nativeEventSchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: toPayloadIssues(parsed.error.issues) };
    const issue = occurredAtIssue(parsed.data.occurred_at, now, "occurred_at");
    return issue ? { ok: false, issues: [issue] } : { ok: true, event: fromNativeBody(parsed.data) };
  },
};
