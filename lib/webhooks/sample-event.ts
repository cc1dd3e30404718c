// Sample deliveries for the "send test event" button and `npm run send-event`: a deal moved from
// Proposal to Negotiation, in either payload format, with the headers that authenticate it.

import { signWebhook } from "./verify-signature";
import type { PayloadFormat } from "./adapters/types";

export type SampleDealOptions = {
  /** The deal's new stage (default negotiation) and the stage it left (default proposal). */
  stage?: string;
  previousStage?: string;
  /** The CRM's id (or email) of the deal owner. */
  owner: string;
  dealId?: string;
  title?: string;
  amount?: number;
  /** Present when an automation caused this change (loop protection). */
  causation?: { automationId: string; depth: number };
};

export function sampleNativeEvent(options: SampleDealOptions, now: Date) {
  return {
    type: "deal.updated",
    occurred_at: now.toISOString(),
    entity: {
      type: "deal",
      id: options.dealId ?? "D-1042",
      data: {
        title: options.title ?? "Acme renewal",
        stage: options.stage ?? "negotiation",
        amount: options.amount ?? 12000,
        currency: "EUR",
        status: "open",
        owner_id: options.owner,
      },
    },
    previous: { stage: options.previousStage ?? "proposal" },
    actor: { type: "user", id: options.owner },
    ...(options.causation ? { causation: { automation_id: options.causation.automationId, depth: options.causation.depth } } : {}),
  };
}

/** The body Supabase Database Webhooks (pg_net) post for an UPDATE of a row in public.deals. */
export function sampleSupabaseEvent(options: SampleDealOptions, now: Date) {
  const record = {
    id: options.dealId ?? "D-1042",
    title: options.title ?? "Acme renewal",
    stage: options.stage ?? "negotiation",
    amount: options.amount ?? 12000,
    currency: "EUR",
    status: "open",
    owner_id: options.owner,
    updated_at: now.toISOString(),
    ...(options.causation ? { automation_causation: { automation_id: options.causation.automationId, depth: options.causation.depth } } : {}),
  };
  const oldRecord = { ...record, stage: options.previousStage ?? "proposal", updated_at: new Date(now.getTime() - 3_600_000).toISOString() };
  return { type: "UPDATE", table: "deals", schema: "public", record, old_record: oldRecord };
}

export type SignedDelivery = { headers: Record<string, string>; body: string };

/** Headers and body for a delivery: Standard Webhooks signature (native) or bearer secret (supabase). */
export function signedDelivery(params: { format: PayloadFormat; secret: string; body: unknown; id: string; now: Date }): SignedDelivery {
  const body = JSON.stringify(params.body);
  if (params.format === "supabase") {
    return { headers: { "content-type": "application/json", authorization: `Bearer ${params.secret}` }, body };
  }
  const timestamp = Math.floor(params.now.getTime() / 1000);
  return {
    headers: {
      "content-type": "application/json",
      "webhook-id": params.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(params.secret, params.id, timestamp, body),
    },
    body,
  };
}
