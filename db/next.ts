import "server-only";
import { connection } from "next/server";
import { openDb, type DbHandle } from "./client";

/** The database for Next code: opting out of prerendering first keeps `next build` off the database. */
export async function getDb(): Promise<DbHandle> {
  await connection();
  return openDb();
}
