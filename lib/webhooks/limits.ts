// The inbound contract's numbers (DESIGN.md "Inbound webhook contract"), in one place so the route,
// the docs and the tests agree.

/** Bodies above this are refused while reading, before any of it is parsed. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Objects/arrays nested deeper than this are refused before JSON.parse. */
export const MAX_JSON_DEPTH = 32;
/** Standard Webhooks: a `webhook-timestamp` further than this from our clock is a replay or a broken clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
/** After a rotation the previous secret keeps verifying this long, so senders can switch without loss. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
/**
 * Text a sender controls (a Content-Type, a table name, a JSON parser's excerpt) is echoed in a
 * rejection's message and issues, and in the delivery log, up to this many characters.
 */
export const MAX_ECHO_CHARS = 200;
/** How much of a rejected body the delivery log keeps (characters). */
export const SNIPPET_CHARS = 500;
/** A `webhook-id` is our idempotency key; anything longer is not an id. */
export const MAX_WEBHOOK_ID_LENGTH = 255;
