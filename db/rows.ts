/** The rows of a `db.execute()` result: postgres.js returns the rows array, PGlite `{ rows }`. */
export function resultRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
