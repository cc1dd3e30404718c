import path from "node:path";
import { spawn } from "node:child_process";

/** Runs a command with inherited output; exits this process with its code when it fails. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      console.error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`);
      process.exit(code ?? 1);
    });
  });
}

/** Runs the Next.js CLI in the foreground: signals go to it, and its exit code becomes ours. */
export function execNext(args: string[], env: NodeJS.ProcessEnv): void {
  const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), ...args], { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 0));
}
