// react-query keys for run history data, in one place so invalidation and polling agree.

import type { RunFilters } from "./run-filters";

export const runKeys = {
  all: ["runs"] as const,
  lists: () => [...runKeys.all, "list"] as const,
  /** One page of runs: the filters include the cursor, so page 1 and page 2 are different entries. */
  list: (filters: RunFilters) => [...runKeys.lists(), filters] as const,
  testEvents: (entityType: string) => [...runKeys.all, "test-events", entityType] as const,
};
