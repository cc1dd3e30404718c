import { describe, expect, it } from "vitest";
import { readBody } from "./read-body";
import { WebhookRejection } from "./rejection";

function streamOf(chunks: number, chunkSize: number, onPull?: () => void) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
    },
  });
}

function request(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readBody", () => {
  it("returns the bytes up to the limit exactly", async () => {
    const bytes = await readBody(request(streamOf(4, 256)), 1024);
    expect(bytes.byteLength).toBe(1024);
  });

  it("stops reading as soon as the limit is passed, however long the stream", async () => {
    let pulls = 0;
    const endless = streamOf(Number.POSITIVE_INFINITY, 1000, () => pulls++);
    const error = await readBody(request(endless), 4096).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookRejection);
    expect((error as WebhookRejection).status).toBe(413);
    expect((error as WebhookRejection).partialBody?.byteLength).toBe(2048);
    expect(pulls).toBeLessThan(10);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    let pulls = 0;
    const error = await readBody(request(streamOf(1, 10, () => pulls++), { "content-length": "5000" }), 4096).catch((e: unknown) => e);
    expect((error as WebhookRejection).reason).toBe("payload_too_large");
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("reads an empty body as zero bytes", async () => {
    expect((await readBody(request(null))).byteLength).toBe(0);
  });
});
