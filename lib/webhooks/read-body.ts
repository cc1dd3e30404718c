// Step 1 of ingestion: the raw body, size-limited while it streams in. A sender that lies about (or
// omits) Content-Length still cannot make us buffer more than the limit.

import { MAX_BODY_BYTES } from "./limits";
import { WebhookRejection } from "./rejection";

function tooLarge(limit: number, partialBody?: Uint8Array): WebhookRejection {
  return new WebhookRejection(
    "payload_too_large",
    "payload_too_large",
    `The body is larger than the ${Math.round(limit / 1024)} KiB limit`,
    undefined,
    partialBody,
  );
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The sender disconnected before its body was complete: its own doing, not a failure of ours. */
export class ClientWentAway extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The sender went away before its body was complete", options);
    this.name = "ClientWentAway";
  }
}

/** Reads the whole body, or throws a 413 rejection as soon as it passes `limit` bytes. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    // Refuse up front; cancelling tells the runtime we will not read the rest.
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw new ClientWentAway({ cause: error });
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit, concat(chunks, size - value.byteLength).subarray(0, 2048));
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}
