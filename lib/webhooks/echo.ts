// Sender-controlled text echoed back (a rejection's message, the delivery log): at most
// MAX_ECHO_CHARS characters, and never a NUL, which PostgreSQL text cannot store.
import { truncateText } from "@/lib/text/truncate";
import { MAX_ECHO_CHARS } from "./limits";

export function capEcho(text: string, max = MAX_ECHO_CHARS): string {
  return truncateText(text.includes("\0") ? text.replaceAll("\0", "\ufffd") : text, max);
}
