import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle, Db } from "./client";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import type { Expectation, RlsCase } from "./rls-cases";
import { accountCases } from "./rls-cases-accounts";
import { automationCases } from "./rls-cases-automations";
import { invitationCases } from "./rls-cases-invitations";
import { outboundCases } from "./rls-cases-outbound";
import { runCases } from "./rls-cases-runs";
import { versionCases } from "./rls-cases-versions";
import { apiTokenCases } from "./rls-cases-api-tokens";
import { snapshotCases } from "./rls-cases-snapshots";
import { catalogCases } from "./rls-cases-catalog";
import { ACTORS, attempt, buildWorld, claimsOf, idOf, publicTables, type World } from "./rls-world";

// Row-level security, table by table: every case acts as member A, member B, the admin, a user of
// another workspace or anon, inside a transaction that is rolled back, against rows written on the
// service path. Reads must return exactly the expected rows; refused writes fail with 42501 or
// touch 0 rows, as the case says.
const CASES: RlsCase[] = [...accountCases, ...automationCases, ...runCases, ...versionCases, ...apiTokenCases, ...invitationCases, ...outboundCases, ...snapshotCases, ...catalogCases];
const TABLES = [
  "workspaces", "profiles", "workspace_members", "sign_in_attempts", "automations", "webhook_sources", "events",
  "inbound_deliveries", "automation_runs", "run_actions", "activities", "notifications", "outbox",
  "automation_versions", "workspace_templates", "api_tokens", "user_sessions", "workspace_invitations",
  "outbox_attempts", "mailbox_messages", "outbound_secrets", "entity_snapshots", "run_attempts", "removed_members",
  "pipelines", "pipeline_stages", "activity_types", "custom_fields",
];

/** What the database did, in the case's terms (row labels rather than uuids, for readable failures). */
async function observe(db: Db, world: World, c: RlsCase): Promise<Expectation | { see: string[] } | { error: string }> {
  const outcome = await attempt(db, claimsOf(world, c.actor), (tx) => c.run(tx, world));
  if ("error" in outcome) return { error: outcome.error };
  if (!c.keys) return { rows: outcome.rows.length };
  const labelById = new Map((c.universe ?? []).map((label) => [idOf(world, label), label]));
  const seen = c.keys(outcome.rows).map((id) => labelById.get(String(id)) ?? `unexpected row ${id}`);
  return { see: seen.sort() };
}

function named(c: RlsCase): readonly [string, RlsCase] {
  return [`${c.table}: ${c.actor} ${c.does}`, c] as const;
}

function find(table: string, actor: string, does: string): RlsCase {
  const c = CASES.find((x) => x.table === table && x.actor === actor && x.does === does);
  if (!c) throw new Error(`no case ${table} ${actor} ${does}`);
  return c;
}

function wanted(c: RlsCase): Expectation {
  return "see" in c.expect ? { see: [...c.expect.see].sort() } : c.expect;
}

describe("the cases", () => {
  it("cover every table, each as all five actors, with refusals", () => {
    expect([...new Set(CASES.map((c) => c.table))].sort()).toEqual([...TABLES].sort());
    for (const table of TABLES) {
      const cases = CASES.filter((c) => c.table === table);
      const actors = [...new Set(cases.map((c) => c.actor))].sort();
      const refusesAWrite = cases.some((c) => !c.keys && ("error" in c.expect || ("rows" in c.expect && c.expect.rows === 0)));
      expect({ table, actors, refusesAWrite }).toEqual({ table, actors: [...ACTORS].sort(), refusesAWrite: true });
    }
  });
});

describe.each(TEST_DRIVERS)("row-level security on %s", (driver) => {
  let handle: DbHandle;
  let world: World;
  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await buildWorld(handle.db);
  });
  afterAll(async () => handle?.close());

  it("the tables under test are exactly the public schema's", async () => {
    expect(await publicTables(handle.db)).toEqual([...TABLES].sort());
  });

  it.each(CASES.map(named))("%s", async (_name, c) => {
    expect(await observe(handle.db, world, c)).toEqual(wanted(c));
  });

  it("the service path sees every row (the world is really there)", async () => {
    for (const c of CASES.filter((x) => x.keys && x.actor === "admin" && x.table !== "sign_in_attempts")) {
      const rows = await c.run(handle.db as never, world);
      expect({ table: c.table, all: rows.length >= (c.universe ?? []).length }).toEqual({ table: c.table, all: true });
    }
  });
});

describe.each(TEST_DRIVERS)("the denial tests have teeth on %s", (driver) => {
  let scratch: DbHandle;
  let world: World;
  beforeAll(async () => {
    scratch = await createTestDb(driver); // a throwaway database: its policies get broken on purpose
    world = await buildWorld(scratch.db);
  });
  afterAll(async () => scratch?.close());

  it("a read policy loosened to 'any member' lets member A see member B's automation", async () => {
    const c = find("automations", "memberA", "reads autoA of automations");
    expect(await observe(scratch.db, world, c)).toEqual(wanted(c));

    await scratch.db.execute(sql`drop policy automations_select on public.automations`);
    await scratch.db.execute(sql`create policy automations_select on public.automations for select to authenticated
      using (app.is_member(workspace_id))`);

    const outcome = await observe(scratch.db, world, c);
    expect(outcome).not.toEqual(wanted(c));
    expect(outcome).toEqual({ see: ["autoA", "autoAdmin", "autoB"] });
  });

  it("an insert policy loosened to 'any member' lets member A add people", async () => {
    const c = find("workspace_members", "memberA", "cannot add someone");
    expect(await observe(scratch.db, world, c)).toEqual({ error: "42501" });

    await scratch.db.execute(sql`drop policy workspace_members_insert on public.workspace_members`);
    await scratch.db.execute(sql`create policy workspace_members_insert on public.workspace_members for insert to authenticated
      with check (app.is_member(workspace_id))`);

    expect(await observe(scratch.db, world, c)).toEqual({ rows: 1 });
  });

  it("a token read policy without the owner check lets the admin see member A's token", async () => {
    const c = find("api_tokens", "admin", "reads tokenAdmin of api_tokens");
    expect(await observe(scratch.db, world, c)).toEqual(wanted(c));

    await scratch.db.execute(sql`drop policy api_tokens_select on public.api_tokens`);
    await scratch.db.execute(sql`create policy api_tokens_select on public.api_tokens for select to authenticated
      using (app.is_member(workspace_id))`);

    expect(await observe(scratch.db, world, c)).toEqual({ see: ["tokenA", "tokenAdmin", "tokenB"] });
  });

  it("an update policy dropped with row-level security turned off lets a member promote themselves", async () => {
    const c = find("workspace_members", "memberA", "cannot promote themselves");
    expect(await observe(scratch.db, world, c)).toEqual({ rows: 0 });

    await scratch.db.execute(sql`drop policy workspace_members_update on public.workspace_members`);
    await scratch.db.execute(sql`alter table public.workspace_members disable row level security`);

    expect(await observe(scratch.db, world, c)).toEqual({ rows: 1 });
  });
});
