import { z } from "zod";
import { databaseEnvShape, definedEnv, EnvError, envProblems } from "@/db/config";

export { EnvError };

/**
 * The environment, validated once on first use (never at import time, so tests and scripts set
 * only what they need). Every problem is reported on its own line.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    ...databaseEnvShape,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXT_PUBLIC_SUPABASE_URL: z.url("must be a URL such as https://<ref>.supabase.co").optional(),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1).optional(),
    NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    MAIL_FROM: z.string().min(3).default("CRM Automations <automations@localhost>"),
    OUTBOUND_ALLOW_HOSTS: z.string().optional(),
    OUTBOUND_ALLOW_HTTP: z.enum(["0", "1"], "must be 1 (allow http:// targets in production) or 0").optional(),
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RUNS_PER_AUTOMATION: z.coerce.number().int().min(100, "must be at least 100").max(10_000_000).default(10_000),
    APP_URL: z.url().optional(),
    /** "1" serves GraphQL introspection and GraphiQL in production too (they are on in development). */
    GRAPHQL_INTROSPECTION: z
      .enum(["0", "1"], { error: "must be 1 (on) or 0 (off)" })
      .optional()
      .transform((value) => value === "1"),
    /** How many proxies in front of the app append to X-Forwarded-For; 0 turns per-address limits off. */
    TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
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

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(definedEnv(source));
  if (!result.success) throw new EnvError(envProblems(result.error));
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
