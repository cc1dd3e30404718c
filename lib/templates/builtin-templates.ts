// The built-in template library: proven rules as data, in the form the editor edits. Each names the
// fields a user must still choose (`choose`: highlighted in the editor; `sample` is what the tests
// fill in to prove the template parses with the shared schema). No code path of their own.

import type { AutomationFormValues } from "@/lib/automations/schema";

export const TEMPLATE_GOALS = {
  follow_up: "Follow up",
  notify: "Notify the team",
  hygiene: "Keep the CRM tidy",
  integrations: "Integrations",
  time_based: "Time-based",
} as const;
export type TemplateGoal = keyof typeof TEMPLATE_GOALS;

export type TemplateBlank = { path: string; label: string; sample: unknown };

export type AutomationTemplate = {
  id: string;
  goal: TemplateGoal;
  name: string;
  /** One line in words: what it does. */
  description: string;
  /** What the user must bring ("a webhook URL"), said on the card. */
  needs: string[];
  choose: TemplateBlank[];
  values: AutomationFormValues;
};

const all = { kind: "group", match: "all", conditions: [] } as const;
const gt = (field: string, value: number) => ({ kind: "group" as const, match: "all" as const, conditions: [{ kind: "condition" as const, field, operator: "gt", value }] });
const MEMBER = "00000000-0000-4000-8000-000000000001";

export const BUILTIN_TEMPLATES: readonly AutomationTemplate[] = [
  {
    id: "stage-follow-up",
    goal: "follow_up",
    name: "Follow up when a deal reaches a stage",
    description: "When a deal moves to the stage you choose, create a follow-up call for its owner due in 2 days.",
    needs: ["a stage"],
    choose: [{ path: "trigger.to", label: "Stage", sample: "negotiation" }],
    values: {
      name: "Follow up when a deal reaches a stage",
      description: "A call for the owner two days after the deal reaches the stage.",
      trigger: { type: "deal.stage_changed", to: "", from: "" },
      conditions: all,
      actions: [{ type: "create_activity", config: { subject: "Follow up on {{deal.title}}", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } }],
    },
  },
  {
    id: "new-deal-intro-call",
    goal: "follow_up",
    name: "Intro call for every new deal",
    description: "When a deal is created, create an intro call for its owner due tomorrow.",
    needs: [],
    choose: [],
    values: {
      name: "Intro call for every new deal",
      description: "",
      trigger: { type: "deal.created" },
      conditions: all,
      actions: [{ type: "create_activity", config: { subject: "Intro call: {{deal.title}}", activityType: "call", dueInDays: 1, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } }],
    },
  },
  {
    id: "proposal-check-in",
    goal: "follow_up",
    name: "Check in after sending a proposal",
    description: "When a deal moves to Proposal, create a task for its owner to check in after 3 days.",
    needs: [],
    choose: [],
    values: {
      name: "Check in after sending a proposal",
      description: "",
      trigger: { type: "deal.stage_changed", to: "proposal", from: "" },
      conditions: all,
      actions: [{ type: "create_activity", config: { subject: "Check in on the proposal for {{deal.title}}", activityType: "task", dueInDays: 3, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } }],
    },
  },
  {
    id: "high-value-deal-notify",
    goal: "notify",
    name: "Tell a manager about high-value deals",
    description: "When a deal over an amount you choose is created, notify a team member in the app.",
    needs: ["an amount", "a team member"],
    choose: [
      { path: "conditions.conditions.0.value", label: "Amount", sample: 10000 },
      { path: "actions.0.config.to.userId", label: "Team member", sample: MEMBER },
    ],
    values: {
      name: "Tell a manager about high-value deals",
      description: "",
      trigger: { type: "deal.created" },
      conditions: gt("deal.amount", 10000),
      actions: [{ type: "notify_user", config: { to: { kind: "member", userId: "" }, message: "New high-value deal: {{deal.title}} ({{deal.amount}} {{deal.currency}})" } }],
    },
  },
  {
    id: "high-value-deal-email",
    goal: "notify",
    name: "Email about high-value deals",
    description: "When a deal over an amount you choose is created, email an address you choose.",
    needs: ["an amount", "an email address"],
    choose: [
      { path: "conditions.conditions.0.value", label: "Amount", sample: 50000 },
      { path: "actions.0.config.to.address", label: "Email address", sample: "sales-lead@example.com" },
    ],
    values: {
      name: "Email about high-value deals",
      description: "",
      trigger: { type: "deal.created" },
      conditions: gt("deal.amount", 50000),
      actions: [{ type: "send_email", config: { to: { kind: "address", address: "" }, subject: "High-value deal: {{deal.title}}", body: "{{deal.title}} was just created with an amount of {{deal.amount}} {{deal.currency}}." } }],
    },
  },
  {
    id: "deal-lost-alert",
    goal: "notify",
    name: "Alert a manager when a deal is lost",
    description: "When a deal is lost, notify a team member so they can review it.",
    needs: ["a team member"],
    choose: [{ path: "actions.0.config.to.userId", label: "Team member", sample: MEMBER }],
    values: {
      name: "Alert a manager when a deal is lost",
      description: "",
      trigger: { type: "deal.lost" },
      conditions: all,
      actions: [{ type: "notify_user", config: { to: { kind: "member", userId: "" }, message: "{{deal.title}} was lost" } }],
    },
  },
  {
    id: "deal-won-celebrate",
    goal: "notify",
    name: "Celebrate won deals",
    description: "When a deal is won, notify its owner and email them a thank-you reminder for the customer.",
    needs: [],
    choose: [],
    values: {
      name: "Celebrate won deals",
      description: "",
      trigger: { type: "deal.won" },
      conditions: all,
      actions: [
        { type: "notify_user", config: { to: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, message: "You won {{deal.title}}!" } },
        { type: "create_activity", config: { subject: "Send a thank-you to the customer of {{deal.title}}", activityType: "task", dueInDays: 1, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } },
      ],
    },
  },
  {
    id: "owner-changed-handover",
    goal: "hygiene",
    name: "Hand over when a deal changes owner",
    description: "When a deal's owner changes, create a handover task for the new owner.",
    needs: [],
    choose: [],
    values: {
      name: "Hand over when a deal changes owner",
      description: "",
      trigger: { type: "deal.owner_changed" },
      conditions: all,
      actions: [{ type: "create_activity", config: { subject: "Read up on {{deal.title}}: you own it now", activityType: "task", dueInDays: 1, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } }],
    },
  },
  {
    id: "contact-missing-email",
    goal: "hygiene",
    name: "Complete new contacts without an email",
    description: "When a contact is created without an email address, ask the automation owner to complete it.",
    needs: [],
    choose: [],
    values: {
      name: "Complete new contacts without an email",
      description: "",
      trigger: { type: "contact.created" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "contact.email", operator: "is_empty" }] },
      actions: [{ type: "create_activity", config: { subject: "Add an email address for {{contact.name}}", activityType: "task", dueInDays: 2, assignee: { kind: "automation_owner" }, note: "" } }],
    },
  },
  {
    id: "welcome-email-new-contact",
    goal: "follow_up",
    name: "Welcome email for new contacts",
    description: "When a contact is created, email the contact's owner a reminder to welcome them.",
    needs: [],
    choose: [],
    values: {
      name: "Welcome email for new contacts",
      description: "",
      trigger: { type: "contact.created" },
      conditions: all,
      actions: [{ type: "send_email", config: { to: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, subject: "Welcome {{contact.name}}", body: "{{contact.name}} was just added to the CRM. Say hello!" } }],
    },
  },
  {
    id: "contact-updated-webhook",
    goal: "integrations",
    name: "Send updated contacts to another system",
    description: "When a contact is updated, POST the change as signed JSON to a URL you choose.",
    needs: ["a webhook URL"],
    choose: [{ path: "actions.0.config.url", label: "Webhook URL", sample: "https://hooks.example.com/contacts" }],
    values: {
      name: "Send updated contacts to another system",
      description: "",
      trigger: { type: "contact.updated", fields: [] },
      conditions: all,
      actions: [{ type: "send_webhook", config: { url: "", headers: [] } }],
    },
  },
  {
    id: "deal-won-webhook",
    goal: "integrations",
    name: "Send won deals to billing",
    description: "When a deal is won, POST it as signed JSON to your billing or ERP system.",
    needs: ["a webhook URL"],
    choose: [{ path: "actions.0.config.url", label: "Webhook URL", sample: "https://billing.example.com/hooks/deal-won" }],
    values: {
      name: "Send won deals to billing",
      description: "",
      trigger: { type: "deal.won" },
      conditions: all,
      actions: [{ type: "send_webhook", config: { url: "", headers: [] } }],
    },
  },
  {
    id: "inactive-deal-follow-up",
    goal: "time_based",
    name: "Follow up on inactive deals",
    description: "When a deal has had no activity for 7 days, create a follow-up task for its owner.",
    needs: [],
    choose: [],
    values: {
      name: "Follow up on inactive deals",
      description: "",
      trigger: { type: "deal.inactive", days: 7 },
      conditions: all,
      actions: [{ type: "create_activity", config: { subject: "{{deal.title}} has gone quiet: follow up", activityType: "task", dueInDays: 1, assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" }, note: "" } }],
    },
  },
];

export function getBuiltinTemplate(id: string): AutomationTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.id === id);
}
