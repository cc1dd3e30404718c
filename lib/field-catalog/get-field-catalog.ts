// The one lookup of a workspace's field catalog, for every path that validates, lists or evaluates
// fields. Cached per process with the automations revision it was read under: a catalog change
// bumps that revision (drizzle/0024), so a caller holding a fresher stamp (the ingest path's
// automations list, whose stamp each event's write checks) reloads it, and this process's own
// changes invalidate it directly.

import type { Db } from "@/db/client";
import { buildFieldCatalog, DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { TtlCache } from "@/lib/webhooks/ttl-cache";
import { readFieldCatalog } from "./read-field-catalog";

export type CachedFieldCatalog = { catalog: FieldCatalog; rev: string };

// Pages without a stamp to compare accept a catalog this old from another process's change.
const CATALOG_CACHE_MS = 15_000;
const cache = new TtlCache<string, CachedFieldCatalog>(CATALOG_CACHE_MS, 5_000);

async function load(db: Db, workspaceId: string): Promise<CachedFieldCatalog> {
  const stored = await readFieldCatalog(db, workspaceId);
  if (!stored) return { catalog: DEFAULT_FIELD_CATALOG, rev: "" };
  const { pipelines, activityTypes, customFields } = stored.config;
  // Nothing configured: the shared built-in catalog, so its compiled automations are shared too.
  const empty = pipelines.length === 0 && activityTypes.length === 0 && customFields.length === 0;
  return { catalog: empty ? DEFAULT_FIELD_CATALOG : buildFieldCatalog(stored.config), rev: stored.rev };
}

/**
 * The workspace's catalog. With `rev` (the workspace's automations revision as the caller last
 * read it), a cached catalog read under another revision is read again, so the two agree.
 */
export async function getFieldCatalogEntry(db: Db, workspaceId: string, rev?: string | null): Promise<CachedFieldCatalog> {
  const cached = await cache.getOrLoad(workspaceId, () => load(db, workspaceId));
  if (rev == null || cached.rev === rev) return cached;
  cache.delete(workspaceId);
  return cache.getOrLoad(workspaceId, () => load(db, workspaceId));
}

export async function getFieldCatalog(db: Db, workspaceId: string, rev?: string | null): Promise<FieldCatalog> {
  return (await getFieldCatalogEntry(db, workspaceId, rev)).catalog;
}

/** The cached catalog when it is current for `rev`, without a promise: the ingest path's steady state. */
export function cachedFieldCatalog(workspaceId: string, rev: string | null): FieldCatalog | undefined {
  const hit = cache.get(workspaceId);
  return hit && (rev === null || hit.rev === rev) ? hit.catalog : undefined;
}

export function invalidateFieldCatalog(workspaceId: string): void {
  cache.delete(workspaceId);
}

export function clearFieldCatalogCache(): void {
  cache.clear();
}
