import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError } from "./lock";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A second process that holds the lock until killed. */
function holdLockInChild(dir: string): Promise<{ pid: number; stop: () => void }> {
  const script = `
    const fs = require("node:fs");
    fs.writeFileSync(${JSON.stringify(path.join(dir, "lock"))}, String(process.pid), { flag: "wx" });
    process.stdout.write("locked\\n");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    child.stdout.once("data", () => resolve({ pid: child.pid!, stop: () => child.kill("SIGKILL") }));
  });
}

describe("data directory lock", () => {
  it("refuses while another live process holds the directory, naming it", async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir)).toThrow(`is in use by process ${holder.pid}`);
    } finally {
      holder.stop();
    }
  });

  it("takes over a stale lock left by a dead process", async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir);
    holder.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, "lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "lock"))).toBe(false);
  });

  it("refuses a second open inside the same process", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
    } finally {
      release();
    }
    acquireDataDirLock(dir)();
  });
});
