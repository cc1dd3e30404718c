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
