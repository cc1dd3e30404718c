// Runs one of scripts/ as a user would (through tsx, a real process) and collects what it printed.
import path from "node:path";
import { spawn } from "node:child_process";

export type ScriptOutcome = { code: number | null; stdout: string; stderr: string };

export function runScript(script: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ScriptOutcome> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [script, ...args], { env: env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
