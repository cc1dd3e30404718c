// The GraphQL API end to end: the route handler behind a real HTTP server, called with fetch,
// on a real database (PGlite, and PostgreSQL when DATABASE_URL is set).
import { describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withUser } from "@/db/with-user";
import { apiTokens, automationRuns, automations, events, workspaceMembers } from "@/db/schema";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { saveCustomField } from "@/lib/field-catalog/manage-fields";
import { savePipeline } from "@/lib/field-catalog/manage-pipelines";
import { codeOf, gql, sessionCookie, tokenFor, useApiServer } from "@/lib/graphql/test-support";
import { createWorkspace } from "@/lib/workspaces/create-account";
import { insertAutomation, insertSource } from "@/lib/webhooks/test-support";
import { makeTeam } from "@/test/fixtures";
import { TEST_DRIVERS } from "@/test/db";

const FIELDS = "id name isActive trigger condition action actions description version consecutiveFailures disabledReason ownerId createdAt updatedAt";
const CREATE = `mutation($input: WorkflowAutomationInput!) { createWorkflowAutomation(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: WorkflowAutomationInput!) { updateWorkflowAutomation(id: $id, input: $input) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { workflowAutomation(id: $id) { ${FIELDS} } }`;
const MINE = `{ myWorkflowAutomations { id name } }`;
const VISIBLE = `{ workflowAutomations { id name } }`;
const toggle = (name: string) => `mutation($id: ID!) { ${name}(id: $id) }`;

/** The plan's own example, verbatim. */
const PLAN_INPUT = {
  name: "Negotiation follow-up",
  trigger: { type: "deal_stage_changed", stage_id: "negotiation" },
  condition: { field: "amount", operator: ">", value: 1000 },
  action: { type: "create_activity", subject: "Follow up", due_in_days: 2 },
};

async function automationCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(automations).where(eq(automations.workspaceId, workspaceId));
  return row.n;
}

async function rowOf(db: Db, id: string) {
  const [row] = await db.select().from(automations).where(eq(automations.id, id));
  return row;
}

/** An introspection query n `ofType` levels deep. */
const chain = (n: number) => `{ __schema { types { ${"ofType { ".repeat(n)}name${" }".repeat(n)} } } }`;

describe.each(TEST_DRIVERS)("/api/graphql on %s", (driver) => {
  let db: Db;
  let url: string;
  useApiServer(driver, (ctx) => {
    db = ctx.handle.db;
    url = ctx.url;
  });

  const ids = async (query: string, token: string) =>
    ((await gql(url, query, {}, { token })).body.data as Record<string, Array<{ id: string }>>)[query.includes("my") ? "myWorkflowAutomations" : "workflowAutomations"]
      .map((x) => x.id)
      .sort();

  async function world() {
    const team = await makeTeam(db);
    const tokens = {
      admin: await tokenFor(db, team.admin, team.workspace.id),
      memberA: await tokenFor(db, team.memberA, team.workspace.id),
      memberB: await tokenFor(db, team.memberB, team.workspace.id),
      outsider: await tokenFor(db, team.outsider, team.other.id),
    };
    return { ...team, tokens };
  }

  it("creates the plan's example as a member and reads back the stored form", async () => {
    const w = await world();
    const answer = await gql(url, CREATE, { input: PLAN_INPUT }, { token: w.tokens.memberA });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const created = answer.body.data!.createWorkflowAutomation as Record<string, unknown>;
    const stored = {
      type: "create_activity",
      config: { subject: "Follow up", dueInDays: 2, activityType: "task", assignee: { kind: "deal_owner" } },
    };
    expect(created).toMatchObject({
      name: "Negotiation follow-up",
      isActive: true,
      trigger: { type: "deal.stage_changed", to: "negotiation" },
      condition: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 1000 }] },
      action: stored,
      actions: [stored],
      version: 1,
      consecutiveFailures: 0,
      disabledReason: null,
      ownerId: w.memberA.id,
    });
    expect(Date.parse(created.createdAt as string)).not.toBeNaN();
    const row = await rowOf(db, created.id as string);
    expect(row).toMatchObject({ workspaceId: w.workspace.id, ownerId: w.memberA.id, triggerType: "deal.stage_changed", actions: [stored] });
  });

  it("takes several actions as an array; action reads the first, actions the list", async () => {
    const w = await world();
    const input = {
      ...PLAN_INPUT,
      action: [PLAN_INPUT.action, { type: "notify_user", to: "automation_owner", message: "{{deal.title}} moved" }],
    };
    const answer = await gql(url, CREATE, { input }, { token: w.tokens.admin });
    const created = answer.body.data!.createWorkflowAutomation as { action: { type: string }; actions: Array<{ type: string }> };
    expect(created.action.type).toBe("create_activity");
    expect(created.actions.map((a) => a.type)).toEqual(["create_activity", "notify_user"]);
  });

  it("saves a template naming an unknown variable and says so in extensions.warnings, at the path the client sent; a clean save has none", async () => {
    const w = await world();
    const input = { ...PLAN_INPUT, action: [PLAN_INPUT.action, { type: "notify_user", to: "automation_owner", message: "{{deal.titel}} moved" }] };
    const answer = await gql(url, CREATE, { input }, { token: w.tokens.memberA });
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body as { extensions?: unknown }).extensions).toEqual({
      warnings: [{ path: ["input", "action", 1, "message"], message: expect.stringContaining("deal.titel") }],
    });
    const id = (answer.body.data!.createWorkflowAutomation as { id: string }).id;
    expect((await rowOf(db, id)).actions).toMatchObject([{}, { config: { message: "{{deal.titel}} moved" } }]);

    const clean = await gql(url, UPDATE, { id, input: PLAN_INPUT }, { token: w.tokens.memberA });
    expect(clean.body.errors).toBeUndefined();
    expect((clean.body as { extensions?: unknown }).extensions).toBeUndefined();
    // A malformed template is refused as bad input, not warned about.
    const broken = await gql(url, CREATE, { input: { ...PLAN_INPUT, action: { ...PLAN_INPUT.action, subject: "Call {{deal.amount" } } }, { token: w.tokens.memberA });
    expect(broken.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("lists: myWorkflowAutomations is the caller's own, workflowAutomations what the caller may see", async () => {
    const w = await world();
    const a = await insertAutomation(db, w.workspace.id, w.memberA.id);
    const b = await insertAutomation(db, w.workspace.id, w.memberB.id);
    const admin = await insertAutomation(db, w.workspace.id, w.admin.id);
    await insertAutomation(db, w.other.id, w.outsider.id);

    expect(await ids(MINE, w.tokens.memberA)).toEqual([a]);
    expect(await ids(VISIBLE, w.tokens.memberA)).toEqual([a]);
    expect(await ids(MINE, w.tokens.admin)).toEqual([admin]);
    expect(await ids(VISIBLE, w.tokens.admin)).toEqual([a, b, admin].sort());
    expect(await ids(VISIBLE, w.tokens.outsider)).not.toContain(a);
  });

  it("answers null for another member's, another workspace's and an unknown automation", async () => {
    const w = await world();
    const b = await insertAutomation(db, w.workspace.id, w.memberB.id);
    const other = await insertAutomation(db, w.other.id, w.outsider.id);
    for (const id of [b, other, crypto.randomUUID(), "not-a-uuid"]) {
      const answer = await gql(url, ONE, { id }, { token: w.tokens.memberA });
      expect({ id, answer: answer.body }).toEqual({ id, answer: { data: { workflowAutomation: null } } });
    }
    // The admin sees the member's; the outsider, an admin elsewhere, does not.
    expect((await gql(url, ONE, { id: b }, { token: w.tokens.admin })).body.data!.workflowAutomation).toMatchObject({ id: b });
    expect((await gql(url, ONE, { id: b }, { token: w.tokens.outsider })).body.data!.workflowAutomation).toBeNull();
  });

  it("a token acts only in its own workspace, even for a user of two workspaces", async () => {
    const w = await world();
    const second = await createWorkspace(db, { name: "Second", adminId: w.memberA.id });
    const elsewhere = await insertAutomation(db, second.id, w.memberA.id);
    const here = await insertAutomation(db, w.workspace.id, w.memberA.id);
    // Row-level security alone would show both: the user is a member of each workspace.
    const visibleToPolicy = await withUser(db, w.memberA.claims, (tx) => tx.select({ id: automations.id }).from(automations));
    expect(visibleToPolicy.map((row) => row.id).sort()).toEqual([elsewhere, here].sort());
    const mine = (await gql(url, MINE, {}, { token: w.tokens.memberA })).body.data!.myWorkflowAutomations as Array<{ id: string }>;
    expect(mine.map((x) => x.id)).toEqual([here]);
    expect((await gql(url, ONE, { id: elsewhere }, { token: w.tokens.memberA })).body.data!.workflowAutomation).toBeNull();
    const before = await rowOf(db, elsewhere);
    const answer = await gql(url, toggle("deactivateWorkflowAutomation"), { id: elsewhere }, { token: w.tokens.memberA });
    expect(codeOf(answer)).toBe("NOT_FOUND");
    expect(await rowOf(db, elsewhere)).toEqual(before);
  });

  it("updates what the plan's input holds and keeps description, active state and owner; no change, no version", async () => {
    const w = await world();
    const created = (await gql(url, CREATE, { input: PLAN_INPUT }, { token: w.tokens.memberA })).body.data!.createWorkflowAutomation as { id: string };
    await db.update(automations).set({ description: "Kept", isActive: false }).where(eq(automations.id, created.id));

    const input = { name: "Renamed", trigger: { type: "deal.won" }, action: { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "Won" } } };
    const answer = await gql(url, UPDATE, { id: created.id, input }, { token: w.tokens.admin });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.updateWorkflowAutomation).toMatchObject({
      name: "Renamed",
      description: "Kept",
      isActive: false,
      condition: null,
      trigger: { type: "deal.won" },
      ownerId: w.memberA.id,
      version: 2,
    });

    const again = await gql(url, UPDATE, { id: created.id, input }, { token: w.tokens.memberA });
    expect(again.body.data!.updateWorkflowAutomation).toMatchObject({ version: 2 });
    expect(await rowOf(db, created.id)).toMatchObject({ version: 2, conditions: null, description: "Kept" });
  });

  it("deactivates, reactivates and deletes; another's or unknown ids are NOT_FOUND and change nothing", async () => {
    const w = await world();
    const a = await insertAutomation(db, w.workspace.id, w.memberA.id);
    const b = await insertAutomation(db, w.workspace.id, w.memberB.id);
    const other = await insertAutomation(db, w.other.id, w.outsider.id);

    expect((await gql(url, toggle("deactivateWorkflowAutomation"), { id: a }, { token: w.tokens.memberA })).body).toEqual({ data: { deactivateWorkflowAutomation: true } });
    expect(await rowOf(db, a)).toMatchObject({ isActive: false });
    expect((await gql(url, toggle("reactivateWorkflowAutomation"), { id: a }, { token: w.tokens.memberA })).body).toEqual({ data: { reactivateWorkflowAutomation: true } });
    expect(await rowOf(db, a)).toMatchObject({ isActive: true });

    const snapshot = [await rowOf(db, b), await rowOf(db, other)];
    for (const name of ["deactivateWorkflowAutomation", "reactivateWorkflowAutomation", "deleteWorkflowAutomation"]) {
      for (const id of [b, other, crypto.randomUUID(), "nope"]) {
        const answer = await gql(url, toggle(name), { id }, { token: w.tokens.memberA });
        expect({ name, id, code: codeOf(answer), data: answer.body.data }).toEqual({ name, id, code: "NOT_FOUND", data: null });
      }
    }
    const update = await gql(url, UPDATE, { id: b, input: PLAN_INPUT }, { token: w.tokens.memberA });
    expect(codeOf(update)).toBe("NOT_FOUND");
    expect([await rowOf(db, b), await rowOf(db, other)]).toEqual(snapshot);

    expect((await gql(url, toggle("deleteWorkflowAutomation"), { id: a }, { token: w.tokens.memberA })).body).toEqual({ data: { deleteWorkflowAutomation: true } });
    // Deleted for its users (kept, switched off, for its runs' sake): the API no longer finds it.
    expect(await rowOf(db, a)).toMatchObject({ isActive: false, deletedAt: expect.any(Date) });
    expect(codeOf(await gql(url, toggle("deleteWorkflowAutomation"), { id: a }, { token: w.tokens.memberA }))).toBe("NOT_FOUND");
    expect((await gql(url, ONE, { id: a }, { token: w.tokens.memberA })).body).toEqual({ data: { workflowAutomation: null } });
  });

  it("refuses bad input with BAD_USER_INPUT, issue paths into the input as sent, and writes nothing", async () => {
    const w = await world();
    const existing = (await gql(url, CREATE, { input: PLAN_INPUT }, { token: w.tokens.memberA })).body.data!.createWorkflowAutomation as { id: string };
    const before = await automationCount(db, w.workspace.id);
    const snapshot = await rowOf(db, existing.id);
    const cases: Array<[string, Record<string, unknown>, Array<{ path: unknown[]; message: string }>]> = [
      ["a bad single-leaf value", { condition: { field: "amount", operator: ">", value: "lots" } }, [{ path: ["input", "condition", "value"], message: "Enter a number" }]],
      ["a bad group-leaf value", { condition: { match: "all", conditions: [{ field: "amount", operator: ">", value: "lots" }] } }, [{ path: ["input", "condition", "conditions", 0, "value"], message: "Enter a number" }]],
      ["an unknown key", { action: { ...PLAN_INPUT.action, colour: "red" } }, [{ path: ["input", "action", "colour"], message: "Unknown key “colour”" }]],
      ["an empty name", { name: "" }, [{ path: ["input", "name"], message: "Name is required" }]],
      ["an operator the field does not take", { condition: { field: "amount", operator: "contains", value: "x" } }, [{ path: ["input", "condition", "operator"], message: "“Contains” cannot be used with Amount" }]],
      ["an assignee outside the workspace", { action: { ...PLAN_INPUT.action, assignee: w.outsider.id } }, [{ path: ["input", "action", "assignee", "userId"], message: "Choose a member of this workspace" }]],
    ];
    for (const [label, change, issues] of cases) {
      for (const [query, variables] of [[CREATE, {}], [UPDATE, { id: existing.id }]] as const) {
        const answer = await gql(url, query, { ...variables, input: { ...PLAN_INPUT, ...change } }, { token: w.tokens.memberA });
        expect({ label, code: codeOf(answer), issues: answer.body.errors?.[0]?.extensions?.issues, data: answer.body.data }).toEqual({ label, code: "BAD_USER_INPUT", issues, data: null });
      }
    }
    // GraphQL's own validation (a missing required input field) is BAD_USER_INPUT too.
    const missing = await gql(url, CREATE, { input: { name: "x", trigger: PLAN_INPUT.trigger } }, { token: w.tokens.memberA });
    expect(codeOf(missing)).toBe("BAD_USER_INPUT");
    expect(await automationCount(db, w.workspace.id)).toBe(before);
    expect(await rowOf(db, existing.id)).toEqual(snapshot);
  });

  it("answers 401 UNAUTHENTICATED with a GraphQL body without a credential, with a bad or revoked token, and after leaving the workspace", async () => {
    const w = await world();
    const revoked = await tokenFor(db, w.memberB, w.workspace.id, "old");
    const [{ id: revokedId }] = await db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.userId, w.memberB.id), eq(apiTokens.name, "old")));
    await revokeApiToken(db, { claims: w.memberB.claims, workspaceId: w.workspace.id, id: revokedId });
    await db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, w.workspace.id), eq(workspaceMembers.userId, w.memberA.id)));
    const before = await automationCount(db, w.workspace.id);

    for (const who of [{}, { token: "cra_nope" }, { token: `cra_${"A".repeat(43)}` }, { token: revoked }, { token: w.tokens.memberA }, { headers: { authorization: "Basic abc" } }]) {
      const answer = await gql(url, CREATE, { input: PLAN_INPUT }, who);
      expect({ who, status: answer.status, code: codeOf(answer), data: answer.body.data ?? null }).toEqual({ who, status: 401, code: "UNAUTHENTICATED", data: null });
    }
    expect(await automationCount(db, w.workspace.id)).toBe(before);
    // The member B's other token still works: revocation is per token.
    expect((await gql(url, MINE, {}, { token: w.tokens.memberB })).status).toBe(200);
  });

  it("writes last used at most once a minute per token", async () => {
    const w = await world();
    const lastUsed = async () => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.userId, w.memberB.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await gql(url, MINE, {}, { token: w.tokens.memberB });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await gql(url, MINE, {}, { token: w.tokens.memberB });
    expect(await lastUsed()).toEqual(first);
  });

  it("works with the session cookie; a cookie request without JSON or the CSRF header is refused", async () => {
    const w = await world();
    const cookie = await sessionCookie(db, w.memberA);
    expect((await gql(url, MINE, {}, { cookie })).body).toEqual({ data: { myWorkflowAutomations: [] } });

    const before = await automationCount(db, w.workspace.id);
    const body = JSON.stringify({ query: CREATE, variables: { input: PLAN_INPUT } });
    const plain = await fetch(url, { method: "POST", headers: { "content-type": "text/plain", cookie }, body });
    expect(plain.status).toBe(403);
    expect((await plain.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const get = await fetch(`${url}?query=${encodeURIComponent(MINE)}`, { headers: { cookie } });
    expect(get.status).toBe(403);
    expect(await automationCount(db, w.workspace.id)).toBe(before);

    const withHeader = await fetch(`${url}?query=${encodeURIComponent(MINE)}`, { headers: { cookie, "x-graphql-yoga-csrf": "1", accept: "application/json" } });
    expect(withHeader.status).toBe(200);
    // No CORS: another site's page cannot read answers or send JSON with the cookie.
    const preflight = await fetch(url, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const crossSite = await fetch(url, { method: "POST", headers: { origin: "https://evil.example", cookie, "content-type": "application/json" }, body: JSON.stringify({ query: MINE }) });
    expect(crossSite.headers.get("access-control-allow-origin")).toBeNull();
    // A bearer request is not a CSRF risk: GET works without the header.
    const bearer = await fetch(`${url}?query=${encodeURIComponent(MINE)}`, { headers: { authorization: `Bearer ${w.tokens.memberA}`, accept: "application/json" } });
    expect(bearer.status).toBe(200);
  });

  it("pages an automation's runs with a cursor, batched across a list", async () => {
    const w = await world();
    const a = await insertAutomation(db, w.workspace.id, w.memberA.id);
    const b = await insertAutomation(db, w.workspace.id, w.memberA.id);
    const source = await insertSource(db, w.workspace.id);
    for (let i = 0; i < 3; i++) {
      const [event] = await db
        .insert(events)
        .values({ workspaceId: w.workspace.id, sourceId: source.id, externalId: `e${i}`, type: "deal.updated", entityType: "deal", entityId: `D-${i}`, payload: {}, receivedAt: new Date(Date.now() + i * 1000) })
        .returning({ id: events.id });
      await db.insert(automationRuns).values({
        workspaceId: w.workspace.id,
        automationId: a,
        automationOwnerId: w.memberA.id,
        automationVersion: 1,
        eventId: event.id,
        eventType: "deal.updated",
        entityId: `D-${i}`,
        status: i === 2 ? "failed" : "succeeded",
        error: i === 2 ? "boom" : null,
        trace: { trigger: { matched: true, reason: "stage changed" }, conditions: { kind: "group", result: i !== 1 }, templates: { missing: ["deal.x"] } },
        createdAt: new Date(Date.now() + i * 1000),
      });
    }
    const RUNS = `query($after: String) { myWorkflowAutomations { id runs(first: 2, after: $after) { nodes { entityId status error trace { triggerMatched triggerReason conditionsPassed missingVariables } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = { id: string; runs: { nodes: Array<Record<string, unknown>>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const first = (await gql(url, RUNS, {}, { token: w.tokens.memberA })).body.data!.myWorkflowAutomations as Page[];
    const pageA = first.find((x) => x.id === a)!.runs;
    expect(pageA.nodes).toEqual([
      { entityId: "D-2", status: "failed", error: "boom", trace: { triggerMatched: true, triggerReason: "stage changed", conditionsPassed: true, missingVariables: ["deal.x"] } },
      { entityId: "D-1", status: "succeeded", error: null, trace: { triggerMatched: true, triggerReason: "stage changed", conditionsPassed: false, missingVariables: ["deal.x"] } },
    ]);
    expect(pageA.pageInfo.hasNextPage).toBe(true);
    expect(first.find((x) => x.id === b)!.runs).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });

    const ONE_RUNS = `query($id: ID!, $after: String) { workflowAutomation(id: $id) { runs(first: 2, after: $after) { nodes { entityId } pageInfo { hasNextPage } } } }`;
    const next = await gql(url, ONE_RUNS, { id: a, after: pageA.pageInfo.endCursor }, { token: w.tokens.memberA });
    expect(next.body.data!.workflowAutomation).toEqual({ runs: { nodes: [{ entityId: "D-0" }], pageInfo: { hasNextPage: false } } });
    // Member B cannot read A's runs even through an admin-visible list; a forged cursor is bad input.
    expect((await gql(url, ONE_RUNS, { id: a }, { token: w.tokens.memberB })).body.data!.workflowAutomation).toBeNull();
    expect(codeOf(await gql(url, ONE_RUNS, { id: a, after: "forged" }, { token: w.tokens.memberA }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(url, ONE_RUNS.replace("first: 2", "first: 1000"), { id: a }, { token: w.tokens.memberA }))).toBe("BAD_USER_INPUT");
  });

  it("serves the catalog from the registries the form uses", async () => {
    const w = await world();
    const answer = await gql(
      url,
      `{ automationTriggers { type entity timeBased configSchema } automationFields(entity: "deal") { path key type operators options { value } }
         automationOperators(fieldType: "number") { id symbol valueKind } automationActionTypes { type configSchema } }`,
      {},
      { token: w.tokens.memberB },
    );
    const data = answer.body.data as Record<string, Array<Record<string, unknown>>>;
    expect(data.automationTriggers).toContainEqual(expect.objectContaining({ type: "deal.stage_changed", entity: "deal", timeBased: false }));
    expect(data.automationTriggers).toContainEqual(expect.objectContaining({ type: "deal.inactive", timeBased: true }));
    expect(data.automationFields).toContainEqual(expect.objectContaining({ path: "deal.amount", key: "amount", type: "number", operators: expect.arrayContaining(["gt", "lte"]) }));
    expect(data.automationOperators).toContainEqual({ id: "gt", symbol: ">", valueKind: "single" });
    expect(data.automationActionTypes.map((a) => a.type)).toEqual(["create_activity", "send_email", "notify_user", "send_webhook"]);
    expect(data.automationActionTypes[0].configSchema).toMatchObject({ type: "object", properties: { dueInDays: expect.any(Object) } });
  });

  it("lists and accepts the workspace's own stages and custom fields, and only in that workspace", async () => {
    const w = await world();
    const scope = { claims: w.admin.claims, workspaceId: w.workspace.id };
    await savePipeline(db, { ...scope, input: { name: "Sales", stages: [{ id: "3", label: "Contract sent" }] } });
    await saveCustomField(db, { ...scope, input: { entity: "deal", key: "tier", label: "Tier", type: "choice", options: [{ value: "gold", label: "Gold" }] } });
    const fields = `{ automationFields(entity: "deal") { path type options { value label } } }`;
    const mine = (await gql(url, fields, {}, { token: w.tokens.memberB })).body.data as { automationFields: Array<Record<string, unknown>> };
    expect(mine.automationFields).toContainEqual({ path: "deal.tier", type: "choice", options: [{ value: "gold", label: "Gold" }] });
    expect(mine.automationFields).toContainEqual({ path: "deal.stage", type: "choice", options: [{ value: "3", label: "Contract sent" }] });
    const theirs = (await gql(url, fields, {}, { token: w.tokens.outsider })).body.data as { automationFields: Array<Record<string, unknown>> };
    expect(theirs.automationFields.map((field) => field.path)).not.toContain("deal.tier");

    const input = { ...PLAN_INPUT, trigger: { type: "deal_stage_changed", stage_id: "Contract sent" }, condition: { field: "tier", operator: "=", value: "gold" } };
    const created = await gql(url, CREATE, { input }, { token: w.tokens.memberA });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createWorkflowAutomation).toMatchObject({
      trigger: { type: "deal.stage_changed", to: "3" },
      condition: { conditions: [{ field: "deal.tier", operator: "equals", value: "gold" }] },
    });
    const refused = await gql(url, CREATE, { input }, { token: w.tokens.outsider });
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
  });

  it("refuses a query over the depth, alias or cost limits and a body over 256 KiB", async () => {
    const w = await world();
    expect((await gql(url, chain(5), {}, { token: w.tokens.memberA })).body.errors).toBeUndefined();
    const deep = await gql(url, chain(20), {}, { token: w.tokens.memberA });
    expect({ code: codeOf(deep), message: deep.body.errors?.[0]?.message }).toEqual({ code: "BAD_USER_INPUT", message: expect.stringMatching(/depth/i) });

    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: myWorkflowAutomations { id }`).join(" ")} }`;
    const tooMany = await gql(url, aliases, {}, { token: w.tokens.memberA });
    expect({ code: codeOf(tooMany), message: tooMany.body.errors?.[0]?.message }).toEqual({ code: "BAD_USER_INPUT", message: expect.stringMatching(/alias/i) });

    const costly = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: myWorkflowAutomations { ${FIELDS} runs { nodes { id status eventType entityId error createdAt finishedAt trace { triggerMatched triggerReason conditionsPassed missingVariables } } pageInfo { hasNextPage endCursor } } }`).join(" ")} }`;
    const expensive = await gql(url, costly, {}, { token: w.tokens.memberA });
    expect({ code: codeOf(expensive), message: expensive.body.errors?.[0]?.message }).toEqual({ code: "BAD_USER_INPUT", message: expect.stringMatching(/cost/i) });

    const big = await gql(url, MINE, { padding: "x".repeat(300 * 1024) }, { token: w.tokens.memberA });
    expect({ status: big.status, code: codeOf(big) }).toEqual({ status: 413, code: "BAD_USER_INPUT" });
  });

  it("answers 429 RATE_LIMITED past 600 requests a minute for one token, and only for that token", async () => {
    const w = await world();
    const busy = await tokenFor(db, w.memberA, w.workspace.id, "busy");
    const statuses: number[] = [];
    for (let i = 0; i < 600; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => gql(url, "{ __typename }", {}, { token: busy })));
      statuses.push(...batch.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const limited = await gql(url, CREATE, { input: PLAN_INPUT }, { token: busy });
    expect({ status: limited.status, code: codeOf(limited), data: limited.body.data ?? null }).toEqual({ status: 429, code: "RATE_LIMITED", data: null });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await gql(url, "{ __typename }", {}, { token: w.tokens.memberA })).status).toBe(200);
  });

  it("relies on row-level security: with the policy loosened, member A would see member B's automation", async () => {
    const w = await world();
    const b = await insertAutomation(db, w.workspace.id, w.memberB.id);
    expect(await ids(VISIBLE, w.tokens.memberA)).not.toContain(b);
    await db.execute(sql`alter policy automations_select on public.automations using (app.is_member(workspace_id))`);
    try {
      expect(await ids(VISIBLE, w.tokens.memberA)).toContain(b);
    } finally {
      await db.execute(sql`alter policy automations_select on public.automations
        using (app.is_admin(workspace_id) or (owner_id = (select auth.uid()) and app.is_member(workspace_id)))`);
    }
    expect(await ids(VISIBLE, w.tokens.memberA)).not.toContain(b);
  });

  it("never sends a stack trace or an internal message", async () => {
    const w = await world();
    const answers = [
      await gql(url, `{ nope }`, {}, { token: w.tokens.memberA }),
      await gql(url, ONE, { id: crypto.randomUUID() }, { token: w.tokens.memberA }),
      await gql(url, toggle("deleteWorkflowAutomation"), { id: crypto.randomUUID() }, { token: w.tokens.memberA }),
    ];
    for (const answer of answers) {
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/stack|originalError|at [A-Za-z]+ \(/);
      for (const error of answer.body.errors ?? []) expect(["UNAUTHENTICATED", "NOT_FOUND", "BAD_USER_INPUT", "RATE_LIMITED", "UNAVAILABLE", "INTERNAL"]).toContain(error.extensions?.code);
    }
  });
});
