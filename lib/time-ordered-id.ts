// Ids for the rows every event writes (events, runs, activities, notifications): UUID version 7
// (RFC 9562), whose first 48 bits are the creation time in milliseconds and the rest random. New
// rows then land at the right-hand end of their primary-key indexes, and of the indexes keyed by
// event or run id, instead of on a random page of each: an event dirties a few hot pages rather
// than one page per index entry, and after a checkpoint writes a few full-page images to the WAL
// rather than one per entry.
import { randomFillSync } from "node:crypto";

const bytes = new Uint8Array(16);
// Random bytes are drawn from the system in blocks, as crypto.randomUUID does: one randomFillSync
// call costs microseconds whatever its size, and an event takes about eight ids.
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A UUIDv7 for `now` (milliseconds since the epoch). */
export function timeOrderedId(now: number = Date.now()): string {
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  for (let i = 6; i < 16; i++) bytes[i] = pool[poolOffset++];
  let ms = Math.floor(now);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  let hex = "";
  for (const b of bytes) hex += HEX[b];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
