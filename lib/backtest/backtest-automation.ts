// "What would this rule have done?": the rule as edited, run by the live engine over the
// workspace's stored events (each as it was received: its own data and `previous`), newest first,
// in pages, within a time budget. Writes nothing. Counts are the workspace's; the matches listed
// link only to events the caller may open.

import { and, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import type { AutomationInput } from "@/lib/automations/schema";
import { summarizeLeaf } from "@/lib/automations/summaries";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { normalizeEventStages } from "@/lib/field-catalog/normalize-event";
import type { ConditionTraceNode } from "@/lib/engine/conditions";
import type { NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation } from "@/lib/engine/plan";
import { ownerInfo } from "@/lib/runs/process-event";

export const BACKTEST_DAYS = [7, 30] as const;
const PAGE = 2_000;
const MATCHES_SHOWN = 20;

export type BacktestParams = {
  workspaceId: string;
  claims: UserClaims;
  input: AutomationInput;
  /** 7, 30, or null for everything the history still keeps. */
  days: number | null;
  now: Date;
  /** The workspace's fields and stages (built-in when absent). */
  catalog?: FieldCatalog;
  budgetMs?: number;
  /** Events read per page (tests make it small). */
  pageSize?: number;
};

export type BacktestMatch = { eventId: string; entityId: string; type: string; receivedAt: Date; title: string | null; passed: boolean; canOpen: boolean };
export type BacktestResult = {
  scanned: number;
  triggered: number;
  passed: number;
  /** Per action type: how many would have been produced, and for whom (distinct people). */
  actions: Array<{ type: string; count: number; people: number }>;
  matches: BacktestMatch[];
  /** The conditions that turned away the most triggered events, most first. */
  rejections: Array<{ condition: string; rejected: number; of: number }>;
  /** True when the time budget ran out before the oldest event: the counts cover `scanned` only. */
  partial: boolean;
  oldestScanned: Date | null;
  elapsedMs: number;
};


type Acc = {
  triggered: number;
  passed: number;
  actions: Map<string, { count: number; people: Set<string> }>;
  rejections: Map<string, { label: string; rejected: number }>;
  catalog: FieldCatalog;
};

function personOf(config: Record<string, unknown>, event: NormalizedEvent, automationOwner: string): string {
  const who = (config.assignee ?? config.to) as { kind?: string; userId?: string; address?: string } | undefined;
  if (who?.kind === "member") return `member:${who.userId}`;
  if (who?.kind === "address") return `address:${who.address}`;
  if (who?.kind === "automation_owner") return `user:${automationOwner}`;
  return `owner:${String(event.entity.data.owner_id ?? "")}`;
}

function collectRejections(node: ConditionTraceNode | null, acc: Acc, path = "0"): void {
  if (!node) return;
  if (node.kind === "group") {
    node.children.forEach((child, i) => collectRejections(child, acc, `${path}.${i}`));
    return;
  }
  if (node.result) return;
  const entry = acc.rejections.get(path) ?? { label: summarizeLeaf({ kind: "condition", field: node.field, operator: node.operator, value: node.expected }, acc.catalog), rejected: 0 };
  entry.rejected += 1;
  acc.rejections.set(path, entry);
}

export async function backtestAutomation(db: Db, params: BacktestParams): Promise<BacktestResult> {
  const started = performance.now();
  const budget = params.budgetMs ?? 2_000;
  const pageSize = params.pageSize ?? PAGE;
  const automation = { id: "backtest", version: 0, name: params.input.name, ownerId: params.claims.sub, trigger: params.input.trigger, conditions: params.input.conditions, actions: params.input.actions, isActive: true };
  const directory = await loadWorkspaceDirectory(db, params.workspaceId);
  const catalog = params.catalog ?? DEFAULT_FIELD_CATALOG;
  const acc: Acc = { triggered: 0, passed: 0, actions: new Map(), rejections: new Map(), catalog };
  const matches: Omit<BacktestMatch, "canOpen">[] = [];
  const since = params.days === null ? null : new Date(params.now.getTime() - params.days * 86_400_000);
  let scanned = 0;
  let partial = false;
  let oldest: Date | null = null;
  let cursor: { receivedAt: Date; id: string } | null = null;

  for (;;) {
    const filters: SQL[] = [eq(events.workspaceId, params.workspaceId)];
    if (since) filters.push(gte(events.receivedAt, since));
    if (cursor) filters.push(or(lt(events.receivedAt, cursor.receivedAt), and(eq(events.receivedAt, cursor.receivedAt), lt(events.id, cursor.id)))!);
    // The service path, scoped to the workspace: the counts cover all its events whoever asks.
    const page = await db
      .select({ id: events.id, type: events.type, entityId: events.entityId, payload: events.payload, receivedAt: events.receivedAt })
      .from(events)
      .where(and(...filters))
      .orderBy(desc(events.receivedAt), desc(events.id))
      .limit(pageSize);
    for (const row of page) {
      scanned += 1;
      oldest = row.receivedAt;
      const stored = row.payload as NormalizedEvent;
      if (!stored?.entity?.data) continue;
      // Events stored before stage normalisation read as today's would.
      const event = normalizeEventStages(stored, catalog);
      const evaluation = evaluateAutomation(event, automation, params.now, { owner: ownerInfo(directory.users, event), catalog });
      if (!evaluation.matched) continue;
      acc.triggered += 1;
      const passed = evaluation.status === "pending";
      if (passed) {
        acc.passed += 1;
        for (const action of evaluation.actions) {
          const entry = acc.actions.get(action.type) ?? { count: 0, people: new Set<string>() };
          entry.count += 1;
          entry.people.add(personOf(action.config, event, params.claims.sub));
          acc.actions.set(action.type, entry);
        }
      } else {
        collectRejections(evaluation.trace.conditions, acc);
      }
      if (matches.length < MATCHES_SHOWN) {
        const title = event.entity.data.title ?? event.entity.data.name ?? event.entity.data.subject;
        matches.push({ eventId: row.id, entityId: row.entityId, type: row.type, receivedAt: row.receivedAt, title: typeof title === "string" ? title : null, passed });
      }
    }
    if (page.length < pageSize) break;
    cursor = { receivedAt: page[page.length - 1].receivedAt, id: page[page.length - 1].id };
    if (performance.now() - started > budget) {
      partial = true;
      break;
    }
  }

  // Which of the listed events the caller may open: row-level security decides.
  const ids = matches.map((m) => m.eventId);
  const visible = new Set(
    ids.length === 0 ? [] : (await withUser(db, params.claims, (tx) => tx.select({ id: events.id }).from(events).where(inArray(events.id, ids)))).map((r) => r.id),
  );
  return {
    scanned,
    triggered: acc.triggered,
    passed: acc.passed,
    actions: [...acc.actions].map(([type, v]) => ({ type, count: v.count, people: v.people.size })),
    matches: matches.map((m) => ({ ...m, canOpen: visible.has(m.eventId) })),
    rejections: [...acc.rejections.values()].sort((a, b) => b.rejected - a.rejected).slice(0, 5).map((r) => ({ condition: r.label, rejected: r.rejected, of: acc.triggered })),
    partial,
    oldestScanned: oldest,
    elapsedMs: Math.round(performance.now() - started),
  };
}
