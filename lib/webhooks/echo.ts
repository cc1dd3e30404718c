// Sender-controlled text echoed back (a rejection's message, the delivery log): at most
// MAX_ECHO_CHARS characters, and never a NUL, which PostgreSQL text cannot store.
import { MAX_ECHO_CHARS } from "./limits";

export function capEcho(text: string, max = MAX_ECHO_CHARS): string {
  const clean = text.includes("\0") ? text.replaceAll("\0", "\ufffd") : text;
  if (clean.length <= max) return clean;
  // Do not split a surrogate pair: an unpaired half is unstorable too.
  const end = clean.charCodeAt(max - 2) >= 0xd800 && clean.charCodeAt(max - 2) <= 0xdbff ? max - 2 : max - 1;
  return `${clean.slice(0, end)}…`;
}
