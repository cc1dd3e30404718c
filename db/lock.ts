import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process lock: two processes on one directory silently lose writes. This takes
 * an exclusive pid file beside the database and refuses while another live process holds it.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the database in ${displayPath(dataDir)} is in use by process ${pid}; stop that process or set DATA_DIR to another directory`,
    );
    this.name = "DataDirInUseError";
  }
}

function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "lock");
  if (held.has(lockPath)) throw new DataDirInUseError(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      return () => release(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readSafely(lockPath), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      // A stale lock from a process that died (pids are not reused within one boot this quickly): take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function readSafely(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function release(lockPath: string): void {
  if (!held.delete(lockPath)) return;
  if (readSafely(lockPath) === String(process.pid)) fs.rmSync(lockPath, { force: true });
}

process.once("exit", () => {
  for (const lockPath of Array.from(held)) release(lockPath);
});
