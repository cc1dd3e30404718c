import type { AutomationFormValues } from "@/lib/automations/schema";

/** The demo workspace's sample automations; the first is the canonical one the docs refer to. */
export const DEMO_AUTOMATIONS: Array<AutomationFormValues & { ownedBy: "admin" | "member" }> = [
  {
    ownedBy: "admin",
    name: "Follow up when a deal reaches Negotiation",
    description: "Gives the deal owner a call two days after a deal moves to Negotiation, and tells them.",
    trigger: { type: "deal.stage_changed", to: "negotiation" },
    conditions: null,
    actions: [
      {
        type: "create_activity",
        config: {
          subject: "Follow up on {{deal.title}}",
          activityType: "call",
          dueInDays: 2,
          assignee: { kind: "deal_owner" },
          note: "The deal moved to Negotiation. Confirm pricing and next steps.",
        },
      },
      {
        type: "notify_user",
        config: { to: { kind: "deal_owner" }, message: "{{deal.title}} moved to Negotiation: follow-up due in 2 days." },
      },
    ],
  },
  {
    ownedBy: "admin",
    name: "Large deal won: tell the team",
    description: "Celebrates won deals above 50,000.",
    trigger: { type: "deal.won" },
    conditions: {
      kind: "group",
      match: "all",
      conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 50000 }],
    },
    actions: [
      {
        type: "notify_user",
        config: { to: { kind: "automation_owner" }, message: "{{deal.title}} was won ({{deal.amount}} {{deal.currency}})." },
      },
    ],
  },
  {
    ownedBy: "member",
    name: "New contact: introduction email task",
    trigger: { type: "contact.created" },
    conditions: {
      kind: "group",
      match: "any",
      conditions: [
        { kind: "condition", field: "contact.lifecycle_stage", operator: "equals", value: "lead" },
        { kind: "condition", field: "contact.email", operator: "is_not_empty" },
      ],
    },
    actions: [
      {
        type: "create_activity",
        config: {
          subject: "Introduce yourself to {{contact.name}}",
          activityType: "email",
          dueInDays: 1,
          assignee: { kind: "automation_owner" },
        },
      },
    ],
  },
];
