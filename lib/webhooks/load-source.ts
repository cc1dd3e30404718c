// The webhook source a delivery names, in one query, cached for a moment: every delivery needs it,
// and it changes only when an admin edits it (those edits invalidate this process's entry at once;
// other processes see them within SOURCE_CACHE_MS).

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources, workspaces } from "@/db/schema";
import type { TextFormat } from "@/lib/engine/text-format";
import type { PayloadFormat } from "./adapters";
import { readSupabaseMapping, type SupabaseMapping } from "./adapters/supabase-mapping";
import { secretsValidAt, type RetiredSecret } from "./retired-secrets";
import { TtlCache } from "./ttl-cache";

export const SOURCE_CACHE_MS = 2_000;

export type InboundSource = {
  id: string;
  workspaceId: string;
  format: PayloadFormat;
  isActive: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  /** Pipedrive sources: the HTTP Basic user name (the password is `secret`). */
  basicUsername: string | null;
  /** Supabase sources: their table and column mapping, parsed once per cache load. */
  supabaseMapping?: SupabaseMapping;
  olderSecrets: RetiredSecret[];
  /** The workspace's locale and time zone: how rendered text writes numbers and dates. */
  textFormat: TextFormat;
};

// Unknown ids are cached too (as null), so a flood of made-up ids costs one query each per window.
const cache = new TtlCache<string, InboundSource | null>(SOURCE_CACHE_MS, 10_000);
// The last source read for each id, kept longer: when the database fails a delivery's source read,
// its failure can still be logged against the source (best effort: the log is in that database).
const lastKnown = new TtlCache<string, InboundSource>(10 * 60_000, 10_000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadSource(db: Db, sourceId: string): Promise<InboundSource | null> {
  // Not a uuid: no such source, and no SQL cast error.
  if (!UUID.test(sourceId)) return null;
  const key = sourceId.toLowerCase();
  // One query per expiry however many deliveries are in flight when the entry expires.
  return cache.getOrLoad(key, () => readSource(db, key));
}

async function readSource(db: Db, key: string): Promise<InboundSource | null> {
  const [row] = await db
    .select({
      id: webhookSources.id,
      workspaceId: webhookSources.workspaceId,
      format: webhookSources.format,
      isActive: webhookSources.isActive,
      secret: webhookSources.secret,
      previousSecret: webhookSources.previousSecret,
      previousSecretExpiresAt: webhookSources.previousSecretExpiresAt,
      basicUsername: webhookSources.basicUsername,
      settings: webhookSources.settings,
      olderSecrets: webhookSources.olderSecrets,
      locale: workspaces.locale,
      timeZone: workspaces.timeZone,
    })
    .from(webhookSources)
    .innerJoin(workspaces, eq(workspaces.id, webhookSources.workspaceId))
    .where(eq(webhookSources.id, key));
  if (!row) return null;
  const { settings, locale, timeZone, ...fields } = row;
  const base = { ...fields, textFormat: { locale, timeZone } };
  const source: InboundSource = base.format === "supabase" ? { ...base, supabaseMapping: readSupabaseMapping(settings) } : base;
  lastKnown.set(key, source);
  return source;
}

/** The source as last read (up to ten minutes ago), for logging a delivery whose source read failed. */
export function lastKnownSource(sourceId: string): InboundSource | undefined {
  return lastKnown.get(sourceId.toLowerCase());
}

/** The secrets that verify at `now`: the current one, and the old ones each during its own grace period. */
export function validSecrets(source: InboundSource, now: Date): string[] {
  return secretsValidAt(source.secret, source, now);
}

export function invalidateSource(sourceId: string): void {
  cache.delete(sourceId.toLowerCase());
}

export function clearSourceCache(): void {
  cache.clear();
}
