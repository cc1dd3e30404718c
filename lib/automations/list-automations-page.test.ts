import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { AppError } from "@/lib/result";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, type TestUser } from "@/test/fixtures";
import { bulkAutomations } from "./bulk-automations";
import { createAutomation } from "./create-automation";
import { automationListQuerySchema, listAutomationsPage, PAGE_SIZE } from "./list-automations-page";
import { automationInput } from "./test-inputs";

type Team = Awaited<ReturnType<typeof makeTeam>>;

const query = (raw: Record<string, string> = {}) => automationListQuerySchema.parse(raw);

describe.each(TEST_DRIVERS)("the automations list page on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;
  const as = (user: TestUser) => ({ claims: user.claims, workspaceId: team.workspace.id });

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    team = await makeTeam(handle.db);
  });

  async function create(user: TestUser, name: string, trigger = "deal.won") {
    return createAutomation(handle.db, { ...as(user), input: automationInput({ name, trigger: { type: trigger } as never }) });
  }

  it("pages with a total, sorts by name, filters by status, trigger and owner", async () => {
    for (let index = 0; index < PAGE_SIZE + 2; index += 1) await create(team.admin, `Admin ${String(index).padStart(2, "0")}`);
    const mine = await create(team.memberA, "Zeta member", "deal.lost");

    const first = await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ sort: "name" }) });
    expect(first).toMatchObject({ total: PAGE_SIZE + 3, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ name: "Admin 00", lastRunAt: null, failures7d: 0 });
    const second = await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ sort: "name", page: "2" }) });
    expect(second.rows.map((row) => row.name)).toEqual(["Admin 25", "Admin 26", "Zeta member"]);
    // A page past the end shows the last one.
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ page: "99" }) })).page).toBe(2);

    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ trigger: "deal.lost" }) })).rows.map((row) => row.id)).toEqual([mine.id]);
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ owner: team.memberA.id }) })).total).toBe(1);
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ owner: "mine" }) })).total).toBe(PAGE_SIZE + 2);
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ q: "zeta" }) })).total).toBe(1);

    await bulkAutomations(handle.db, { ...as(team.memberA), input: { action: "deactivate", ids: [mine.id] } });
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ status: "off" }) })).rows.map((row) => row.id)).toEqual([mine.id]);
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ status: "active" }) })).total).toBe(PAGE_SIZE + 2);
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query({ status: "stopped" }) })).total).toBe(0);

    // Members see only their own, whatever they ask for.
    expect((await listAutomationsPage(handle.db, { ...as(team.memberA), query: query({ owner: team.admin.id }) })).total).toBe(0);
    expect((await listAutomationsPage(handle.db, { ...as(team.memberB), query: query() })).total).toBe(0);
  });

  it("reads unknown URL values as their defaults", () => {
    expect(query({ sort: "drop table", status: "x", owner: "nobody", page: "-3", trigger: "DEAL; --" })).toEqual({ q: "", sort: "updated", page: 1 });
  });

  it("activates, deactivates and deletes in bulk, all or nothing", async () => {
    const a = await create(team.memberA, "A");
    const b = await create(team.memberA, "B");
    const theirs = await create(team.memberB, "Theirs");
    expect(await bulkAutomations(handle.db, { ...as(team.memberA), input: { action: "deactivate", ids: [a.id, b.id, a.id] } })).toEqual({ count: 2 });
    const off = await listAutomationsPage(handle.db, { ...as(team.memberA), query: query({ status: "off" }) });
    expect(off.total).toBe(2);

    // Someone else's automation in the selection: refused, nothing changed.
    const error = await bulkAutomations(handle.db, { ...as(team.memberA), input: { action: "delete", ids: [a.id, theirs.id] } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query() })).total).toBe(3);

    for (const input of [{ action: "delete", ids: [] }, { action: "explode", ids: [a.id] }, { action: "delete", ids: ["nope"] }, null]) {
      const refused = await bulkAutomations(handle.db, { ...as(team.memberA), input }).catch((caught: unknown) => caught);
      expect((refused as AppError).code).toBe("invalid_input");
    }

    expect(await bulkAutomations(handle.db, { ...as(team.admin), input: { action: "activate", ids: [a.id, b.id, theirs.id] } })).toEqual({ count: 3 });
    expect(await bulkAutomations(handle.db, { ...as(team.admin), input: { action: "delete", ids: [a.id, b.id] } })).toEqual({ count: 2 });
    expect((await listAutomationsPage(handle.db, { ...as(team.admin), query: query() })).rows.map((row) => row.name)).toEqual(["Theirs"]);
  });
});
