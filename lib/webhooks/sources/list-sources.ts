import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboundDeliveries, webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { readSupabaseMapping, type SupabaseMapping } from "../adapters/supabase-mapping";
import type { PayloadFormat } from "../adapters/types";
import { liveOlderSecrets } from "../retired-secrets";
import type { SourceScope } from "./scope";

export type SourceDelivery = {
  id: number;
  outcome: "accepted" | "duplicate" | "rejected";
  httpStatus: number;
  reason: string | null;
  snippet: string | null;
  externalId: string | null;
  eventId: string | null;
  receivedAt: Date;
};

export type SourceSummary = {
  id: string;
  name: string;
  format: PayloadFormat;
  isActive: boolean;
  /** The signing secret, bearer token, or (pipedrive) the HTTP Basic password. */
  secret: string;
  /** Pipedrive sources: the HTTP Basic user name. */
  basicUsername: string | null;
  /** Supabase sources: the table and column mapping in force (the defaults until an admin saves one). */
  supabaseMapping: SupabaseMapping | null;
  /** Set only while the previous secret still verifies. */
  previousSecretExpiresAt: Date | null;
  /** When each secret retired before the previous one stops verifying (only those still valid), latest first. */
  olderSecretsExpireAt: Date[];
  createdAt: Date;
  deliveries: SourceDelivery[];
};

/** The workspace's sources with their most recent deliveries (row-level security: admins only). */
export async function listSources(db: Db, params: SourceScope & { now: Date; deliveriesPerSource?: number }): Promise<SourceSummary[]> {
  const perSource = params.deliveriesPerSource ?? 20;
  return withUser(db, params.claims, async (tx) => {
    const sources = await tx
      .select({
        id: webhookSources.id,
        name: webhookSources.name,
        format: webhookSources.format,
        isActive: webhookSources.isActive,
        secret: webhookSources.secret,
        basicUsername: webhookSources.basicUsername,
        settings: webhookSources.settings,
        previousSecretExpiresAt: webhookSources.previousSecretExpiresAt,
        olderSecrets: webhookSources.olderSecrets,
        createdAt: webhookSources.createdAt,
      })
      .from(webhookSources)
      .where(eq(webhookSources.workspaceId, params.workspaceId))
      .orderBy(asc(webhookSources.createdAt), asc(webhookSources.id));
    if (sources.length === 0) return [];
    // Per source, newest first through inbound_deliveries_source_received_idx: sources are few, and
    // a LIMIT per source stops early however long the log grows.
    const deliveries = new Map<string, SourceDelivery[]>();
    for (const source of sources) {
      const rows = await tx
        .select({
          id: inboundDeliveries.id,
          outcome: inboundDeliveries.outcome,
          httpStatus: inboundDeliveries.httpStatus,
          reason: inboundDeliveries.reason,
          snippet: inboundDeliveries.snippet,
          externalId: inboundDeliveries.externalId,
          eventId: inboundDeliveries.eventId,
          receivedAt: inboundDeliveries.receivedAt,
        })
        .from(inboundDeliveries)
        .where(eq(inboundDeliveries.sourceId, source.id))
        .orderBy(desc(inboundDeliveries.receivedAt), desc(inboundDeliveries.id))
        .limit(perSource);
      deliveries.set(source.id, rows);
    }
    return sources.map(({ settings, olderSecrets, ...source }) => ({
      ...source,
      supabaseMapping: source.format === "supabase" ? readSupabaseMapping(settings) : null,
      olderSecretsExpireAt: liveOlderSecrets(olderSecrets, params.now).map((entry) => new Date(entry.expiresAt)),
      previousSecretExpiresAt: source.previousSecretExpiresAt && source.previousSecretExpiresAt > params.now ? source.previousSecretExpiresAt : null,
      deliveries: deliveries.get(source.id) ?? [],
    }));
  });
}
