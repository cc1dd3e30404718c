// Sample deliveries for the "send test event" button and `npm run send-event`: a deal moved from
// Proposal to Negotiation, in each payload format, with the headers that authenticate it.

import { DEFAULT_SUPABASE_MAPPING, type SupabaseMapping } from "./adapters/supabase-mapping";
import type { PayloadFormat } from "./adapters/types";
import { basicAuthorization } from "./verify-basic";
import { signWebhook } from "./verify-signature";

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

/**
 * The body Supabase Database Webhooks (pg_net) post for an UPDATE of a deal row: in the first table
 * the source maps to deals, with its column names (public.deals and ours by default).
 */
export function sampleSupabaseEvent(options: SampleDealOptions, now: Date, mapping: SupabaseMapping = DEFAULT_SUPABASE_MAPPING) {
  const { columns } = mapping;
  const table = mapping.tables.find((entry) => entry.entity === "deal") ?? DEFAULT_SUPABASE_MAPPING.tables[0];
  const eventTime = columns.eventTime ?? "updated_at";
  const record: Record<string, unknown> = {
    [columns.id]: options.dealId ?? "D-1042",
    title: options.title ?? "Acme renewal",
    [columns.stage]: options.stage ?? "negotiation",
    amount: options.amount ?? 12000,
    currency: "EUR",
    status: "open",
    [columns.owner]: options.owner,
    [eventTime]: now.toISOString(),
    ...(options.causation ? { automation_causation: { automation_id: options.causation.automationId, depth: options.causation.depth } } : {}),
  };
  const oldRecord = { ...record, [columns.stage]: options.previousStage ?? "proposal", [eventTime]: new Date(now.getTime() - 3_600_000).toISOString() };
  return { type: "UPDATE", table: table.table, schema: table.schema, record, old_record: oldRecord };
}

/** A Pipedrive webhooks v2 `change` of a deal, shaped like Pipedrive's documented examples. */
export function samplePipedriveEvent(options: SampleDealOptions, now: Date) {
  const id = options.dealId ?? "1042";
  return {
    data: {
      id,
      title: options.title ?? "Acme renewal",
      stage_id: options.stage ?? "negotiation",
      value: options.amount ?? 12000,
      currency: "EUR",
      status: "open",
      owner_id: options.owner,
      update_time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    },
    previous: { stage_id: options.previousStage ?? "proposal" },
    meta: {
      action: "change",
      entity: "deal",
      entity_id: id,
      id: crypto.randomUUID(),
      correlation_id: crypto.randomUUID(),
      timestamp: now.toISOString(),
      type: "general",
      version: "2.0",
      attempt: 1,
    },
  };
}

export type SignedDelivery = { headers: Record<string, string>; body: string };

/**
 * Headers and body for a delivery: Standard Webhooks signature (native), bearer secret (supabase)
 * or HTTP Basic user name and password (pipedrive: `username`, the password being the secret).
 */
export function signedDelivery(params: { format: PayloadFormat; secret: string; username?: string | null; body: unknown; id: string; now: Date }): SignedDelivery {
  const body = JSON.stringify(params.body);
  if (params.format === "supabase") {
    return { headers: { "content-type": "application/json", authorization: `Bearer ${params.secret}` }, body };
  }
  if (params.format === "pipedrive") {
    return { headers: { "content-type": "application/json", authorization: basicAuthorization(params.username ?? "", params.secret) }, body };
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

const SAMPLES: Record<PayloadFormat, (options: SampleDealOptions, now: Date, mapping?: SupabaseMapping) => unknown> = {
  native: sampleNativeEvent,
  supabase: sampleSupabaseEvent,
  pipedrive: samplePipedriveEvent,
};

/** The sample deal change in a format (a Supabase source's own tables and columns when given). */
export function sampleEvent(format: PayloadFormat, options: SampleDealOptions, now: Date, mapping?: SupabaseMapping): unknown {
  return SAMPLES[format](options, now, mapping);
}
