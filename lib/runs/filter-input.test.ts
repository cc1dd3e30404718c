// Issue 20 item 9: filter values from the URL that PostgreSQL cannot take (a day in year 0, a NUL,
// an unpaired surrogate, a cursor stamped in year 0) used to reach the query and answer 500 on
// /api/runs, /settings/logs, an automation's runs page, /settings/webhooks and
// /settings/automations. Each is now dropped, named in `ignored`, and the query runs without it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { listAutomations } from "@/lib/automations/list-automations";
import { readAutomationSearch } from "@/lib/automations/search-query";
import { listDeliveries } from "@/lib/webhooks/deliveries/list-deliveries";
import { readDeliveryFilters } from "@/lib/webhooks/deliveries/delivery-filters";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { listRuns } from "./list-runs";
import { readRunFilters } from "./run-filters";

const year0Cursor = btoa(JSON.stringify(["0000-01-01T00:00:00.000000Z", "00000000-0000-4000-8000-000000000000"])).replace(/=+$/, "");

// [query string as a browser sends it, the parameter that must be ignored]
const RUN_ATTACKS: Array<[string, string]> = [
  ["to=0000-01-01", "to"],
  ["from=0000-01-01", "from"],
  ["from=0999-12-31", "from"],
  ["to=2026-02-30", "to"],
  ["entity=%00", "entity"],
  ["entity=D-1%00x", "entity"],
  [`entity=${"x".repeat(201)}`, "entity"],
  ["automation=%00", "automation"],
  ["event=not-a-uuid", "event"],
  ["status=%00", "status"],
  ["type=deal.%00", "type"],
  [`cursor=${year0Cursor}`, "cursor"],
];

const DELIVERY_ATTACKS: Array<[string, string]> = [
  ["from=0000-01-01", "from"],
  ["to=0000-01-01", "to"],
  ["external=%00", "external"],
  ["external=msg%00", "external"],
  ["source=%00", "source"],
  ["outcome=%00", "outcome"],
];

describe("filter parsing", () => {
  it.each(RUN_ATTACKS)("run filters: ?%s is ignored", (query, param) => {
    expect(readRunFilters(new URLSearchParams(query))).toEqual({ filters: {}, ignored: [param] });
  });

  it.each(DELIVERY_ATTACKS)("delivery filters: ?%s is ignored", (query, param) => {
    expect(readDeliveryFilters(new URLSearchParams(query))).toEqual({ filters: {}, ignored: [param] });
  });

  it("drops unpaired surrogates, which a page's searchParams can carry", () => {
    expect(readRunFilters({ entity: "D-\ud800" }).ignored).toEqual(["entity"]);
    expect(readDeliveryFilters({ external: "\udc00" }).ignored).toEqual(["external"]);
    expect(readAutomationSearch("neg\ud800")).toEqual({ query: "", ignored: ["q"] });
    expect(readAutomationSearch("a\u0000")).toEqual({ query: "", ignored: ["q"] });
  });

  it("keeps valid values and names nothing", () => {
    expect(readRunFilters(new URLSearchParams("to=2026-11-30&from=2000-01-01&entity=D-%C3%A9"))).toEqual({ filters: { to: "2026-11-30", from: "2000-01-01", entityId: "D-é" }, ignored: [] });
    expect(readDeliveryFilters(new URLSearchParams("external=msg_1&outcome=rejected"))).toEqual({ filters: { externalId: "msg_1", outcome: "rejected" }, ignored: [] });
    expect(readAutomationSearch(["  negotiation ", "x"])).toEqual({ query: "negotiation", ignored: [] });
  });
});

describe.each(TEST_DRIVERS)("filters that reach the database on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;
  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await makeHistoryWorld(handle.db);
  });
  afterAll(() => handle.close());

  it("lists runs, deliveries and automations with every hostile filter in one URL, without an error", async () => {
    const runQuery = new URLSearchParams(RUN_ATTACKS.map(([q]) => q).join("&"));
    const runs = readRunFilters(runQuery);
    expect(runs.ignored.toSorted()).toEqual([...new Set(RUN_ATTACKS.map(([, p]) => p))].toSorted());
    await expect(listRuns(handle.db, world.admin.claims, { ...runs.filters, workspaceId: world.workspace.id, limit: 10 })).resolves.toEqual({ runs: [], nextCursor: null });

    const deliveries = readDeliveryFilters(new URLSearchParams(DELIVERY_ATTACKS.map(([q]) => q).join("&")));
    await expect(listDeliveries(handle.db, { ...deliveries.filters, claims: world.admin.claims, workspaceId: world.workspace.id })).resolves.toEqual([]);

    const search = readAutomationSearch("%00\u0000");
    const found = await listAutomations(handle.db, { claims: world.admin.claims, workspaceId: world.workspace.id, query: search.query });
    expect(found).toHaveLength(3);
  });
});
