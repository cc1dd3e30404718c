// The schema's contract: the plan's types exactly as the plan wrote them, docs/schema.graphql in
// step with the server, and introspection off unless asked for.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildASTSchema, isInputObjectType, isObjectType, parse, type GraphQLNamedType } from "graphql";
import { printApiSchema, SCHEMA_FILE } from "./print-schema";
import { RateLimiter } from "./rate-limit";
import { apiSchema } from "./schema";
import { createApiServer } from "./yoga";

// Verbatim from the product plan (issue 23), with the base types the `extend`s need.
const PLAN_SDL = `
scalar JSON
scalar DateTime
type Query
type Mutation
type WorkflowAutomation {
  id: ID!
  name: String!
  isActive: Boolean!
  trigger: JSON!
  condition: JSON
  action: JSON!
  createdAt: DateTime!
  updatedAt: DateTime!
}
extend type Query {
  myWorkflowAutomations: [WorkflowAutomation!]!
  workflowAutomation(id: ID!): WorkflowAutomation
}
input WorkflowAutomationInput {
  name: String!
  trigger: JSON!
  condition: JSON
  action: JSON!
}
extend type Mutation {
  createWorkflowAutomation(input: WorkflowAutomationInput!): WorkflowAutomation!
  updateWorkflowAutomation(id: ID!, input: WorkflowAutomationInput!): WorkflowAutomation!
  deactivateWorkflowAutomation(id: ID!): Boolean!
  reactivateWorkflowAutomation(id: ID!): Boolean!
  deleteWorkflowAutomation(id: ID!): Boolean!
}`;

function signature(type: GraphQLNamedType | undefined, only?: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (only && !only.includes(field.name)) continue;
      out[field.name] = `(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(", ")}): ${String(field.type)}`;
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) out[field.name] = String(field.type);
  }
  return out;
}

describe("the API schema", () => {
  it("keeps every type, field, argument and nullability of the plan", () => {
    const plan = buildASTSchema(parse(PLAN_SDL), { assumeValidSDL: true });
    for (const name of ["WorkflowAutomation", "Query", "Mutation", "WorkflowAutomationInput"]) {
      const planned = signature(plan.getType(name));
      expect({ name, fields: signature(apiSchema.getType(name), Object.keys(planned)) }).toEqual({ name, fields: planned });
    }
    // The input type has nothing the plan does not: additions live on output types only.
    expect(Object.keys(signature(apiSchema.getType("WorkflowAutomationInput"))).sort()).toEqual(["action", "condition", "name", "trigger"]);
  });

  it("matches the committed docs/schema.graphql (run `npx tsx scripts/print-graphql-schema.ts` after a change)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(printApiSchema());
  });
});

const post = (server: ReturnType<typeof createApiServer>, query: string) =>
  server.fetch("http://localhost/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
const noDb = async () => {
  throw new Error("validation happens before any database access");
};

describe("introspection", () => {

  it("is refused, with GraphiQL, when turned off (production without GRAPHQL_INTROSPECTION=1)", async () => {
    const server = createApiServer({ db: noDb, introspection: false });
    const answer = await post(server, "{ __schema { types { name } } }");
    const body = await answer.json();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: "BAD_USER_INPUT" } });
    const page = await server.fetch("http://localhost/api/graphql", { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it("is served, with GraphiQL, when on", async () => {
    const server = createApiServer({ db: noDb, introspection: true });
    const page = await server.fetch("http://localhost/api/graphql", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });
});

describe("a database outage", () => {
  it("answers 503 UNAVAILABLE without details", async () => {
    const { createDb } = await import("@/db/client");
    const down = await createDb({ databaseUrl: "postgres://postgres@127.0.0.1:1/none", migrate: false, maxConnections: 1 });
    try {
      const server = createApiServer({ db: async () => down.db, introspection: false });
      const answer = await server.fetch("http://localhost/api/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer cra_${"A".repeat(43)}` },
        body: JSON.stringify({ query: "{ myWorkflowAutomations { id } }" }),
      });
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ errors: [{ message: "The service is temporarily unavailable. Try again shortly.", extensions: { code: "UNAVAILABLE" } }] });
    } finally {
      await down.close();
    }
  });
});

describe("RateLimiter", () => {
  it("allows 600 a minute per key, then asks to wait until the minute is over", () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 600; i++) expect(limiter.take("a", t0 + i)).toBe(0);
    expect(limiter.take("a", t0 + 1000)).toBe(59);
    expect(limiter.take("b", t0 + 1000)).toBe(0);
    expect(limiter.take("a", t0 + 59_999)).toBe(1);
    expect(limiter.take("a", t0 + 60_000)).toBe(0);
  });
});
