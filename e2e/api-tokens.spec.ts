import { expect, test } from "@playwright/test";
import { MEMBER_EMAIL, signIn, uniqueName } from "./fixtures";
import { ApiTokensPage } from "./pages/api-tokens";
import { AutomationsPage } from "./pages/automations";

// A member makes a token on the settings page, a script uses it to create an automation through
// the GraphQL API, and the automation is there in the list like any other.
const CREATE = `mutation($input: WorkflowAutomationInput!) { createWorkflowAutomation(input: $input) { id name isActive trigger } }`;

test("a token from the settings page creates an automation through the API", async ({ page, request }) => {
  await signIn(page, MEMBER_EMAIL);
  const tokens = new ApiTokensPage(page);
  await tokens.goto();
  const tokenName = uniqueName("E2E script");
  const token = await tokens.createAndCopy(tokenName);
  expect(token).toMatch(/^cra_[A-Za-z0-9_-]{43}$/);

  const name = uniqueName("From the API");
  const input = {
    name,
    trigger: { type: "deal_stage_changed", stage_id: "negotiation" },
    condition: { field: "amount", operator: ">", value: 1000 },
    action: { type: "create_activity", subject: "Follow up", due_in_days: 2 },
  };
  const answer = await request.post("/api/graphql", { headers: { authorization: `Bearer ${token}` }, data: { query: CREATE, variables: { input } } });
  expect(answer.status()).toBe(200);
  const created = await answer.json();
  expect(created).toEqual({
    data: { createWorkflowAutomation: { id: expect.any(String), name, isActive: true, trigger: { type: "deal.stage_changed", to: "negotiation" } } },
  });

  const automations = new AutomationsPage(page);
  await automations.gotoList();
  await expect(automations.row(name)).toBeVisible();

  // Deleted again through the API: later specs count the runs of the demo workspace's automations.
  const removed = await request.post("/api/graphql", {
    headers: { authorization: `Bearer ${token}` },
    data: { query: "mutation($id: ID!) { deleteWorkflowAutomation(id: $id) }", variables: { id: created.data.createWorkflowAutomation.id } },
  });
  expect(await removed.json()).toEqual({ data: { deleteWorkflowAutomation: true } });

  // The list shows the token by its prefix, now used; once revoked, the API refuses it.
  await tokens.goto();
  await expect(tokens.row(tokenName)).toContainText(`${token.slice(0, 12)}…`);
  await expect(tokens.row(tokenName)).not.toContainText("Never");
  await tokens.revoke(tokenName);
  const refused = await request.post("/api/graphql", { headers: { authorization: `Bearer ${token}` }, data: { query: "{ myWorkflowAutomations { id } }" } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
});
