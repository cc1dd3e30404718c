// The keyset cursor of the run history: the last row's (created_at, id), as base64url JSON.
// created_at travels as text with microseconds: a JS Date keeps milliseconds only, and runs written
// in the same millisecond (every run of one event shares its timestamp) would be skipped or repeated.
// Isomorphic (btoa/atob), so the browser can carry cursors in links without decoding them.

export type RunCursor = { createdAt: string; id: string };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeRunCursor(cursor: RunCursor): string {
  return btoa(JSON.stringify([cursor.createdAt, cursor.id])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The cursor, or null when the text is not one this module wrote (tampered, truncated, foreign). */
export function decodeRunCursor(text: string): RunCursor | null {
  if (!BASE64URL.test(text)) return null;
  try {
    const json = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    // Year 0 matches the pattern but is no PostgreSQL timestamp; no run predates the year 2000.
    if (typeof createdAt !== "string" || !TIMESTAMP.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || createdAt < "2000") return null;
    if (typeof id !== "string" || !UUID.test(id)) return null;
    return { createdAt, id: id.toLowerCase() };
  } catch {
    return null;
  }
}
