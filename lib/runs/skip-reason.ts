// The one line a runs list shows for a skipped run: the first condition that was not met, with
// what the event actually had ("Not met: Currency is EUR (actual: USD)").

import type { ConditionTraceLeaf, ConditionTraceNode } from "@/lib/engine/conditions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { getOperator } from "@/lib/automations/operators";
import { formatTraceValue, readTrace } from "./trace-view";

function firstUnmet(node: ConditionTraceNode | null): ConditionTraceLeaf | null {
  if (!node || node.result) return null;
  if (node.kind === "condition") return node;
  for (const child of node.children) {
    const found = firstUnmet(child);
    if (found) return found;
  }
  return null;
}

/** An outdated event's runs carry the reason in `trace.stale` (app.record_event). */
function staleReason(trace: unknown): string | null {
  const stale = (trace as { stale?: { reason?: unknown } } | null)?.stale;
  return typeof stale?.reason === "string" ? `Stale: ${stale.reason}` : null;
}

export function skipReason(trace: unknown, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string | null {
  const stale = staleReason(trace);
  if (stale) return stale;
  const leaf = firstUnmet(readTrace(trace).conditions);
  if (!leaf) return null;
  const field = catalog.getField(leaf.field);
  const operator = getOperator(leaf.operator);
  const expected = leaf.expected === undefined ? "" : ` ${formatTraceValue(leaf.expected, field)}`;
  return `Not met: ${field?.label ?? leaf.field} ${operator?.phrase ?? leaf.operator}${expected} (actual: ${formatTraceValue(leaf.actual, field)})`;
}
