// Resolvers: each calls the same lib/automations domain function as the pages' server actions
// (which run inside withUser, so row-level security decides), scoped to the caller's workspace.

import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { createAutomation } from "@/lib/automations/create-automation";
import { deleteAutomation } from "@/lib/automations/delete-automation";
import { getAutomation } from "@/lib/automations/get-automation";
import { listAutomations } from "@/lib/automations/list-automations";
import type { AutomationRecord, AutomationScope } from "@/lib/automations/scope";
import { setAutomationActive } from "@/lib/automations/set-automation-active";
import { automationTemplateWarnings } from "@/lib/automations/template-warnings";
import { updateAutomation } from "@/lib/automations/update-automation";
import { backtestAutomation } from "@/lib/backtest/backtest-automation";
import { BACKTEST_LIMITS } from "@/lib/backtest/limits";
import { AppError } from "@/lib/result";
import type { AutomationRunItem } from "@/lib/runs/list-automation-runs";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { listActionTypes, listFields, listOperators, listTriggerTypes } from "./catalog";
import type { ApiContext } from "./context";
import { badInput, notFound } from "./errors";
import { normalizeAutomationInput, translateFieldErrors, type WorkflowAutomationInput } from "./input/normalize-input";

export const MAX_RUNS_PAGE = 100;

const scope = (ctx: ApiContext): AutomationScope => ({ claims: ctx.principal.claims, workspaceId: ctx.principal.workspaceId });

/** Queries answer null for an automation the caller cannot see; mutations answer NOT_FOUND. */
async function findOrNull(ctx: ApiContext, id: string): Promise<AutomationRecord | null> {
  try {
    return await getAutomation(ctx.db, { ...scope(ctx), id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

/** The caller's workspace catalog: its custom fields, stages and activity types. */
const catalogOf = (ctx: ApiContext) => getFieldCatalog(ctx.db, ctx.principal.workspaceId);

async function save(ctx: ApiContext, input: WorkflowAutomationInput, write: (data: Parameters<typeof createAutomation>[1]["input"]) => Promise<AutomationRecord>, keep = {}) {
  const normalized = normalizeAutomationInput(input, keep, await catalogOf(ctx));
  if (!normalized.ok) throw badInput(normalized.issues);
  try {
    const saved = await write(normalized.data);
    // Saved anyway (the catalog may lag the CRM), and said, at the path the client sent.
    for (const warning of automationTemplateWarnings(normalized.data)) ctx.warnings.push(...translateFieldErrors(input, { [warning.path]: warning.message }));
    return saved;
  } catch (error) {
    // A domain check after parsing (a named assignee outside the workspace) comes back as field errors.
    if (error instanceof AppError && error.code === "invalid_input" && error.fieldErrors) {
      throw badInput(translateFieldErrors(input, error.fieldErrors));
    }
    throw error;
  }
}

function runsFirst(first: number | null | undefined): number {
  const value = first ?? 20;
  if (!Number.isInteger(value) || value < 1 || value > MAX_RUNS_PAGE) {
    throw badInput([{ path: ["first"], message: `first must be between 1 and ${MAX_RUNS_PAGE}` }]);
  }
  return value;
}

export const resolvers = {
  JSON: JSONResolver,
  DateTime: DateTimeResolver,

  Query: {
    myWorkflowAutomations: (_: unknown, __: unknown, ctx: ApiContext) => listAutomations(ctx.db, { ...scope(ctx), ownerId: ctx.principal.claims.sub }),
    workflowAutomations: (_: unknown, __: unknown, ctx: ApiContext) => listAutomations(ctx.db, scope(ctx)),
    workflowAutomation: (_: unknown, args: { id: string }, ctx: ApiContext) => findOrNull(ctx, args.id),
    automationTriggers: () => listTriggerTypes(),
    automationFields: async (_: unknown, args: { entity?: string | null }, ctx: ApiContext) => listFields(args.entity, await catalogOf(ctx)),
    automationOperators: (_: unknown, args: { fieldType?: string | null }) => listOperators(args.fieldType),
    automationActionTypes: () => listActionTypes(),
  },

  Mutation: {
    createWorkflowAutomation: (_: unknown, args: { input: WorkflowAutomationInput }, ctx: ApiContext) =>
      save(ctx, args.input, (input) => createAutomation(ctx.db, { ...scope(ctx), input })),

    /** Replaces name, trigger, condition and action; keeps description, active state and owner. */
    updateWorkflowAutomation: async (_: unknown, args: { id: string; input: WorkflowAutomationInput }, ctx: ApiContext) => {
      const existing = await findOrNull(ctx, args.id);
      if (!existing) throw notFound();
      return save(ctx, args.input, (input) => updateAutomation(ctx.db, { ...scope(ctx), id: existing.id, expectedVersion: existing.version, input }), {
        description: existing.description,
      });
    },

    deactivateWorkflowAutomation: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      await setAutomationActive(ctx.db, { ...scope(ctx), id: args.id, isActive: false });
      return true;
    },
    reactivateWorkflowAutomation: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      await setAutomationActive(ctx.db, { ...scope(ctx), id: args.id, isActive: true });
      return true;
    },
    deleteWorkflowAutomation: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      await deleteAutomation(ctx.db, { ...scope(ctx), id: args.id });
      return true;
    },
    backtestWorkflowAutomation: async (_: unknown, args: { input: WorkflowAutomationInput; days?: number | null }, ctx: ApiContext) => {
      const days = args.days ?? null;
      if (days !== null && days !== 7 && days !== 30) throw badInput([{ path: ["days"], message: "days must be 7, 30 or null (all that is kept)" }]);
      const catalog = await catalogOf(ctx);
      const normalized = normalizeAutomationInput(args.input, {}, catalog);
      if (!normalized.ok) throw badInput(normalized.issues);
      const result = await backtestAutomation(ctx.db, { ...scope(ctx), input: normalized.data, days, now: new Date(), catalog });
      return {
        ...result,
        matches: result.matches.map(({ canOpen, eventId, ...match }) => ({ ...match, eventId: canOpen ? eventId : null })),
        limits: BACKTEST_LIMITS,
      };
    },
  },

  WorkflowAutomation: {
    condition: (record: AutomationRecord) => record.conditions ?? null,
    actions: (record: AutomationRecord) => (Array.isArray(record.actions) ? record.actions : [record.actions]),
    // The plan's single action: the first of the list, so a client written for the plan sees one.
    action: (record: AutomationRecord) => (Array.isArray(record.actions) ? (record.actions[0] ?? {}) : record.actions),
    runs: async (record: AutomationRecord, args: { first?: number | null; after?: string | null }, ctx: ApiContext) => {
      const page = await ctx.runs.load({ automationId: record.id, first: runsFirst(args.first), after: args.after ?? null });
      return { nodes: page.runs, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
    },
  },

  AutomationRun: {
    createdAt: (run: AutomationRunItem) => new Date(run.createdAt),
  },
};
