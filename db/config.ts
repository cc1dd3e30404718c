// Where the database is, read from the environment: the part of the configuration that db/ needs,
// kept here so that db/ never reaches up into lib/ (lib/env.ts builds the whole environment on it).
import { z } from "zod";

export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
    .optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
};

const databaseEnvSchema = z.object(databaseEnvShape);

export type DatabaseConfig = { databaseUrl?: string; dataDir: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Empty strings count as unset, as in most .env tooling. */
export function definedEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

export function envProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`);
}

/** DATABASE_URL (the server) or DATA_DIR (the embedded database), validated; throws EnvError. */
export function readDatabaseConfig(source: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const result = databaseEnvSchema.safeParse(definedEnv(source));
  if (!result.success) throw new EnvError(envProblems(result.error));
  return { databaseUrl: result.data.DATABASE_URL, dataDir: result.data.DATA_DIR };
}
