import { openDb, type DbHandle } from "@/db/client";

let testHandle: Promise<DbHandle> | undefined;

/** The database the webhook route writes to: the process's own, or the one a test pointed it at. */
export function routeDb(): Promise<DbHandle> {
  return testHandle ?? openDb();
}

/**
 * Integration tests call the exported route handler directly; this points it at their database
 * (an explicit seam, so the route can never fall through to a real data directory in a test).
 */
export function setRouteDbForTests(handle: DbHandle | undefined): void {
  testHandle = handle ? Promise.resolve(handle) : undefined;
}
