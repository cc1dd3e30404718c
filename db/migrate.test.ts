import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { migratePglite, migratePostgres } from "./migrate";
import { withDatabase } from "@/test/global-setup";

// A Supabase project already has these, with more columns and its own auth.uid(); the shim must
// leave them exactly as they are.
const SUPABASE_LIKE = `
  create role anon nologin; create role authenticated nologin; create role service_role nologin bypassrls;
  create schema auth;
  create table auth.users (id uuid primary key, email text unique, encrypted_password text, aud text,
    created_at timestamptz, updated_at timestamptz);
  create function auth.uid() returns uuid language sql stable as
    $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
  comment on function auth.uid() is 'supabase original';
`;
const ROLES_EXIST = `do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin bypassrls; end if;
end $$;`;

const CHECK = `
  select obj_description('auth.uid()'::regprocedure, 'pg_proc') as uid_comment,
         exists (select 1 from information_schema.columns where table_schema = 'auth' and table_name = 'users' and column_name = 'aud') as has_aud,
         (select count(*)::int from pg_policies where schemaname = 'public') as policies,
         (select count(*)::int from drizzle.__drizzle_migrations) as migrations
`;

describe("migrations", () => {
  it("run on PGlite, keep an existing Supabase auth schema, and are idempotent", async () => {
    const db = await PGlite.create();
    try {
      await db.exec(SUPABASE_LIKE.replace(/create role[^;]*;/g, ""));
      await db.exec(ROLES_EXIST);
      await migratePglite(db);
      await migratePglite(db);
      const { rows } = await db.query<{ uid_comment: string; has_aud: boolean; policies: number; migrations: number }>(CHECK);
      expect(rows[0].uid_comment).toBe("supabase original");
      expect(rows[0].has_aud).toBe(true);
      expect(rows[0].policies).toBeGreaterThan(15);
    } finally {
      await db.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)("run unchanged on a PostgreSQL server with a Supabase auth schema", async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `crm_test_supabase_${process.pid}_${Date.now()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(serverUrl, name);
    const target = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await target.unsafe(ROLES_EXIST);
      await target.unsafe(SUPABASE_LIKE.replace(/create role[^;]*;/g, ""));
      await migratePostgres(url);
      await migratePostgres(url);
      const [row] = await target.unsafe(CHECK);
      expect(row.uid_comment).toBe("supabase original");
      expect(row.has_aud).toBe(true);
      expect(row.policies).toBeGreaterThan(15);
    } finally {
      await target.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
