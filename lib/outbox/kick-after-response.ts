import { after } from "next/server";
import { kickOutboxSender } from "./sender";

/**
 * Asks Next to run a sender round once the response is sent. Outside a request scope (a test calling
 * the route handler directly) Next refuses; the loop or the test's own sender then picks the rows up.
 */
export function kickAfterResponse(): void {
  try {
    after(kickOutboxSender);
  } catch {
    // Not in a request: nothing to defer to.
  }
}
