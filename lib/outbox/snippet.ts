// The first bytes of a receiver's answer, kept with the attempt so a user can see what it said.

/** At most this many characters of an answer are kept. */
export const SNIPPET_CHARS = 1024;

/** Reads at most about SNIPPET_CHARS of a body and drops the rest (closing the stream). */
export async function readSnippet(body: AsyncIterable<Uint8Array> & { destroy?: () => void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= SNIPPET_CHARS * 4) break;
    }
  } catch {
    // An answer cut short still has its first bytes.
  }
  body.destroy?.();
  const text = Buffer.concat(chunks).toString("utf8").slice(0, SNIPPET_CHARS);
  return text.length > 0 ? text : null;
}
