// PostgreSQL stores neither NUL characters (22021 in text, 22P05 in jsonb) nor unpaired UTF-16
// surrogates, which have no UTF-8 encoding. JavaScript strings may hold both; anything from
// outside (webhook bodies, URL filters) is checked with these before it can reach a query.
// Isomorphic: the filter parsers that use it also run in the browser.

/** True when the string can be stored as PostgreSQL text. */
export function isStorableText(value: string): boolean {
  return !value.includes("\0") && value.isWellFormed();
}

/** Why a string cannot be stored, for a message; null when it can. */
export function unstorableReason(value: string): string | null {
  if (value.includes("\0")) return "contains a NUL character (\\u0000)";
  if (!value.isWellFormed()) return "contains an unpaired UTF-16 surrogate (such as \\ud800)";
  return null;
}

export type UnstorableText = { path: string; message: string };

/**
 * The first string or key, depth first, that cannot be stored, with its dotted path ("" = the
 * value itself). Keys are checked before their values, so every key on a reported path is storable.
 */
export function findUnstorableText(value: unknown, path = ""): UnstorableText | null {
  if (typeof value === "string") {
    const reason = unstorableReason(value);
    return reason ? { path, message: `${path || "the body"} ${reason}` } : null;
  }
  if (value === null || typeof value !== "object") return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const reason = Array.isArray(value) ? null : unstorableReason(key);
    if (reason) return { path, message: `a key in ${path || "the body"} ${reason}` };
    const found = findUnstorableText(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
