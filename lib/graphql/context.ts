import DataLoader from "dataloader";
import type { Db } from "@/db/client";
import { listAutomationRuns, type AutomationRunPage } from "@/lib/runs/list-automation-runs";
import type { Principal } from "./authenticate-request";
import type { InputIssue } from "./input/origin";

export type RunsKey = { automationId: string; first: number; after: string | null };

export type ApiContext = {
  db: Db;
  principal: Principal;
  /** Batches the `runs` of every automation in a response into one query per (first, after). */
  runs: DataLoader<RunsKey, AutomationRunPage, string>;
  /** Said beside the data as `extensions.warnings` (useWarnings in yoga.ts): unknown template variables of a save. */
  warnings: InputIssue[];
};

export function createApiContext(db: Db, principal: Principal): ApiContext {
  const runs = new DataLoader<RunsKey, AutomationRunPage, string>(
    async (keys) => {
      const groups = new Map<string, RunsKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after ?? ""}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, AutomationRunPage | Error>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0];
          try {
            const result = await listAutomationRuns(db, principal.claims, {
              workspaceId: principal.workspaceId,
              automationIds: group.map((key) => key.automationId),
              limit: first,
              after,
            });
            for (const key of group) pages.set(cacheKey(key), result.get(key.automationId)!);
          } catch (error) {
            for (const key of group) pages.set(cacheKey(key), error as Error);
          }
        }),
      );
      return keys.map((key) => pages.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
  return { db, principal, runs, warnings: [] };
}

function cacheKey(key: RunsKey): string {
  return `${key.automationId}|${key.first}|${key.after ?? ""}`;
}
