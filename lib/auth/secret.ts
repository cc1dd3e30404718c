import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env, type Env } from "@/lib/env";

export class MissingAuthSecretError extends Error {
  constructor() {
    super("AUTH_SECRET is required in production: set it to a random string of at least 32 characters (for example `openssl rand -base64 32`).");
    this.name = "MissingAuthSecretError";
  }
}

const SECRET_FILE = "auth-secret";
const cache = new Map<string, Uint8Array>();

/**
 * The key that signs built-in session tokens. Production must set AUTH_SECRET; in development one is
 * generated once and kept in DATA_DIR/auth-secret (mode 0600), so sessions survive restarts without
 * any setup.
 */
export function authSecret(e: Env = env()): Uint8Array {
  if (e.AUTH_SECRET) return new TextEncoder().encode(e.AUTH_SECRET);
  if (e.NODE_ENV === "production") throw new MissingAuthSecretError();
  const file = path.resolve(e.DATA_DIR, SECRET_FILE);
  let secret = cache.get(file);
  if (!secret) {
    secret = new TextEncoder().encode(readOrCreateSecretFile(file));
    cache.set(file, secret);
  }
  return secret;
}

function readOrCreateSecretFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if two processes start at once, exactly one writes and the other reads what it wrote.
    const fd = fs.openSync(file, "wx", 0o600);
    try {
      fs.writeSync(fd, randomBytes(32).toString("base64url"));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const value = fs.readFileSync(file, "utf8").trim();
  if (value.length < 32) throw new Error(`${file} holds no usable secret: delete it to have a new one generated`);
  // Tighten a file that was copied in with looser permissions.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return value;
}

/** For tests that switch DATA_DIR or AUTH_SECRET between cases. */
export function resetAuthSecretCache(): void {
  cache.clear();
}
