// What a history page renders first: one page of runs in the session's workspace, the same call
// the polling endpoint makes, so the server render and the live updates always agree.

import type { Db } from "@/db/client";
import type { Session } from "@/lib/auth/types";
import { listRuns, type RunPage } from "./list-runs";
import { RUNS_PAGE_SIZE } from "./page-size";
import type { RunFilters } from "./run-filters";

export async function loadRunPage(db: Db, session: Session, filters: RunFilters): Promise<RunPage> {
  return listRuns(db, session.claims, { ...filters, workspaceId: session.workspace.id, limit: RUNS_PAGE_SIZE });
}
