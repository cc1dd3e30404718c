import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { authSecret, MissingAuthSecretError, resetAuthSecretCache } from "./secret";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
  dirs.push(dir);
  return path.join(dir, "data"); // not created yet: authSecret must create it
}

afterEach(() => {
  resetAuthSecretCache();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("authSecret", () => {
  it("uses AUTH_SECRET when it is set", () => {
    const secret = authSecret(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }));
    expect(new TextDecoder().decode(secret)).toBe("x".repeat(40));
  });

  it("is required in production", () => {
    expect(() => authSecret(parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir() }))).toThrow(MissingAuthSecretError);
    expect(() => authSecret(parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir() }))).toThrow(/AUTH_SECRET is required in production/);
  });

  it("in development, is generated once into DATA_DIR/auth-secret with mode 0600 and kept", () => {
    const dataDir = tempDir();
    const first = authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir }));
    const file = path.join(dataDir, "auth-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").length).toBeGreaterThanOrEqual(32);
    resetAuthSecretCache(); // as after a restart
    const second = authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir }));
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it("differs between data directories", () => {
    const a = authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: tempDir() }));
    const b = authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: tempDir() }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it("tightens a secret file that is readable by others", () => {
    const dataDir = tempDir();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "auth-secret"), "y".repeat(43), { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, "auth-secret"), 0o644);
    authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir }));
    expect(fs.statSync(path.join(dataDir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});
