import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, supabaseConfig } from "./env";

function problems(source: Record<string, string>): string[] {
  return problemsOf(source as NodeJS.ProcessEnv);
}

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("environment", () => {
  it("has working defaults for the embedded database", () => {
    const env = parseEnv({} as NodeJS.ProcessEnv);
    expect(env).toMatchObject({ DATA_DIR: "./.data", PORT: 3000, RETENTION_DAYS: 30, RUNS_PER_AUTOMATION: 10_000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(supabaseConfig(env)).toBeNull();
  });

  it("trusts no proxy unless told how many there are", () => {
    expect(parseEnv({} as NodeJS.ProcessEnv).TRUSTED_PROXY_COUNT).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_COUNT: "2" } as unknown as NodeJS.ProcessEnv).TRUSTED_PROXY_COUNT).toBe(2);
    expect(problems({ TRUSTED_PROXY_COUNT: "-1" })).toEqual(["TRUSTED_PROXY_COUNT Too small: expected number to be >=0"]);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" } as unknown as NodeJS.ProcessEnv).PORT).toBe(3000);
  });

  it("reports one clear line per problem", () => {
    const found = problems({
      DATABASE_URL: "mysql://localhost/db",
      PORT: "99999",
      AUTH_SECRET: "short",
      RETENTION_DAYS: "zero",
      SMTP_URL: "http://mail",
      RUNS_PER_AUTOMATION: "5",
    });
    expect(found).toHaveLength(6);
    expect(found).toContain("RUNS_PER_AUTOMATION must be at least 100");
    expect(found.find((p) => p.startsWith("DATABASE_URL"))).toMatch(/postgres:\/\//);
    expect(found.find((p) => p.startsWith("PORT"))).toBeDefined();
    expect(found.find((p) => p.startsWith("AUTH_SECRET"))).toMatch(/at least 32 characters/);
    expect(found.find((p) => p.startsWith("RETENTION_DAYS"))).toBeDefined();
    expect(found.find((p) => p.startsWith("SMTP_URL"))).toMatch(/smtp:\/\//);
  });

  it("requires a key with the Supabase URL", () => {
    expect(problems({ NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321" })).toEqual([
      "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required when NEXT_PUBLIC_SUPABASE_URL is set (or NEXT_PUBLIC_SUPABASE_ANON_KEY)",
    ]);
    const env = parseEnv({ NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321", NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon" } as unknown as NodeJS.ProcessEnv);
    expect(supabaseConfig(env)).toEqual({ url: "http://127.0.0.1:54321", key: "anon" });
  });

  it("reads GRAPHQL_INTROSPECTION as 1 (on) or 0 (off), off when unset", () => {
    expect(parseEnv({} as NodeJS.ProcessEnv).GRAPHQL_INTROSPECTION).toBe(false);
    expect(parseEnv({ GRAPHQL_INTROSPECTION: "1" } as unknown as NodeJS.ProcessEnv).GRAPHQL_INTROSPECTION).toBe(true);
    expect(parseEnv({ GRAPHQL_INTROSPECTION: "0" } as unknown as NodeJS.ProcessEnv).GRAPHQL_INTROSPECTION).toBe(false);
    expect(problems({ GRAPHQL_INTROSPECTION: "yes" })).toEqual(["GRAPHQL_INTROSPECTION must be 1 (on) or 0 (off)"]);
  });
});
