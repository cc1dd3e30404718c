"use server";
// The editor's "What would this rule have done?": session first, the shared schema, then the
// backtest. Only async functions may be exported from this file.

import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { parseAutomationInput } from "@/lib/automations/save-automation";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { toActionError, type ActionResult } from "@/lib/result";
import { backtestAutomation, type BacktestResult } from "./backtest-automation";

export async function backtestAction(input: unknown, days: number | null): Promise<ActionResult<BacktestResult>> {
  const session = await requireSession();
  const { db } = await getDb();
  const catalog = await getFieldCatalog(db, session.workspace.id);
  const parsed = parseAutomationInput(input, catalog);
  if (!parsed.ok) return { ok: false, error: "Fix the highlighted fields first: the backtest runs the rule as edited.", fieldErrors: parsed.fieldErrors };
  const window = days === 7 || days === 30 ? days : null;
  try {
    const result = await backtestAutomation(db, { workspaceId: session.workspace.id, claims: session.claims, input: parsed.data, days: window, now: new Date(), catalog });
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
