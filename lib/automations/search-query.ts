// The automations list's `?q=` (search by name), read from the URL: trimmed, at most 200
// characters, and dropped (named in `ignored`) when PostgreSQL could not store it, since a NUL or
// an unpaired surrogate used to reach the query and answer 500. No automation's name has either.
import { isStorableText } from "@/lib/text/storable-text";

export const MAX_SEARCH_LENGTH = 200;

export function readAutomationSearch(q: string | string[] | undefined): { query: string; ignored: string[] } {
  const query = (Array.isArray(q) ? q[0] : (q ?? "")).trim().slice(0, MAX_SEARCH_LENGTH);
  return isStorableText(query) ? { query, ignored: [] } : { query: "", ignored: ["q"] };
}
