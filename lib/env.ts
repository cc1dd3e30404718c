import { z } from "zod";

/**
 * The environment, validated once on first use (never at import time, so tests and scripts set
 * only what they need). Every problem is reported on its own line.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional(),
    DATA_DIR: z.string().min(1).default("./.data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXT_PUBLIC_SUPABASE_URL: z.url("must be a URL such as https://<ref>.supabase.co").optional(),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1).optional(),
    NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RUNS_PER_AUTOMATION: z.coerce.number().int().min(100, "must be at least 100").max(10_000_000).default(10_000),
    APP_URL: z.url().optional(),
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(86_400_000).default(60_000),
  })
  .superRefine((values, ctx) => {
    if (values.NEXT_PUBLIC_SUPABASE_URL && !values.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY && !values.NEXT_PUBLIC_SUPABASE_ANON_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY"],
        message: "is required when NEXT_PUBLIC_SUPABASE_URL is set (or NEXT_PUBLIC_SUPABASE_ANON_KEY)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

let cached: Env | undefined;

/** Empty strings count as unset, as in most .env tooling. */
function readProcessEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(readProcessEnv(source));
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function supabaseConfig(e: Env = env()): { url: string; key: string } | null {
  const key = e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? e.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  return e.NEXT_PUBLIC_SUPABASE_URL && key ? { url: e.NEXT_PUBLIC_SUPABASE_URL, key } : null;
}
