// Inputs shared by the automation integration tests (not a test file itself).

import type { AutomationFormValues, AutomationInput } from "./schema";
import { automationInputSchema } from "./schema";

export function automationForm(overrides: Partial<AutomationFormValues> = {}): AutomationFormValues {
  return {
    name: "Negotiation follow-up",
    description: "Call the owner",
    trigger: { type: "deal.stage_changed", to: "negotiation" },
    conditions: {
      kind: "group",
      match: "all",
      conditions: [
        { kind: "condition", field: "deal.amount", operator: "gt", value: 10000 },
        {
          kind: "group",
          match: "any",
          conditions: [
            { kind: "condition", field: "deal.currency", operator: "equals", value: "EUR" },
            { kind: "condition", field: "deal.source", operator: "contains", value: "web" },
          ],
        },
      ],
    },
    actions: [
      {
        type: "create_activity",
        config: { subject: "Follow up on {{deal.title}}", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" } },
      },
      { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} is in negotiation" } },
    ],
    ...overrides,
  };
}

export function automationInput(overrides: Partial<AutomationFormValues> = {}): AutomationInput {
  return automationInputSchema.parse(automationForm(overrides));
}
