// The API's schema. The first block is the product plan's, kept exactly (names, arguments,
// nullability); everything after it is an addition. docs/schema.graphql is printed from this and a
// test fails when it is stale.

const PLAN = /* GraphQL */ `
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
  }
`;

const ADDITIONS = /* GraphQL */ `
  scalar JSON
  scalar DateTime

  type Query {
    "Every automation the caller may see in the token's (or session's) workspace: an admin's includes the team's."
    workflowAutomations: [WorkflowAutomation!]!
    "The trigger types, from the registry the form uses."
    automationTriggers: [AutomationTriggerType!]!
    "The fields conditions may test, for one entity or all of them."
    automationFields(entity: String): [AutomationField!]!
    "The condition operators, optionally only those that accept a field type."
    automationOperators(fieldType: String): [AutomationOperator!]!
    "The action types with the JSON Schema of their config."
    automationActionTypes: [AutomationActionType!]!
  }

  type Mutation {
    "What the rule would have done over the workspace's stored events of the last days (7 or 30; null for all kept). Writes nothing."
    backtestWorkflowAutomation(input: WorkflowAutomationInput!, days: Int): WorkflowBacktest!
  }

  type WorkflowBacktest {
    "Events read; fewer than stored when partial."
    scanned: Int!
    "Events whose trigger matched."
    triggered: Int!
    "Triggered events that also passed the conditions."
    passed: Int!
    actions: [WorkflowBacktestActions!]!
    "The newest matches (at most 20)."
    matches: [WorkflowBacktestMatch!]!
    "The conditions that turned the most triggered events away."
    rejections: [WorkflowBacktestRejection!]!
    "True when the time budget ran out before the oldest event: the counts cover scanned only."
    partial: Boolean!
    oldestScanned: DateTime
    "What a backtest cannot know."
    limits: [String!]!
  }

  type WorkflowBacktestActions {
    type: String!
    count: Int!
    "Distinct people (assignees or recipients) the actions were for."
    people: Int!
  }

  type WorkflowBacktestMatch {
    "Null when the caller may not open the event."
    eventId: ID
    entityId: String!
    type: String!
    receivedAt: DateTime!
    title: String
    passed: Boolean!
  }

  type WorkflowBacktestRejection {
    condition: String!
    rejected: Int!
    of: Int!
  }

  extend type WorkflowAutomation {
    description: String
    "Every action, in the order they run (action is the first of them)."
    actions: [JSON!]!
    "Bumped by every save that changes something."
    version: Int!
    "Failed runs in a row; the automation is switched off when it reaches the limit."
    consecutiveFailures: Int!
    "Why the automation was switched off automatically, if it was."
    disabledReason: String
    ownerId: ID!
    ownerEmail: String
    "Recent runs, newest first. first: 1 to 100 (default 20); after: a previous page's endCursor."
    runs(first: Int = 20, after: String): AutomationRunConnection!
  }

  type AutomationRunConnection {
    nodes: [AutomationRun!]!
    pageInfo: PageInfo!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type AutomationRun {
    id: ID!
    "running, succeeded, failed, skipped, stopped or missed."
    status: String!
    automationVersion: Int!
    eventType: String!
    entityId: String!
    error: String
    durationMicros: Int!
    createdAt: DateTime!
    finishedAt: DateTime
    trace: RunTraceSummary!
  }

  type RunTraceSummary {
    triggerMatched: Boolean
    triggerReason: String
    "Whether the conditions passed; null when they were not evaluated."
    conditionsPassed: Boolean
    "Template variables the event did not provide."
    missingVariables: [String!]!
  }

  type AutomationTriggerType {
    "The stored type, e.g. deal.stage_changed (deal_stage_changed is accepted on input)."
    type: String!
    "The entity its events concern; null for schedule, which concerns none."
    entity: String
    label: String!
    description: String!
    timeBased: Boolean!
    "JSON Schema of the trigger object in its stored form."
    configSchema: JSON!
  }

  type AutomationField {
    "The stored form used in conditions, e.g. deal.amount (a bare amount is accepted on input)."
    path: String!
    key: String!
    entity: String!
    label: String!
    "text, number, date, choice or boolean."
    type: String!
    options: [AutomationFieldOption!]
    "Ids of the operators that accept this field's type."
    operators: [String!]!
  }

  type AutomationFieldOption {
    value: String!
    label: String!
  }

  type AutomationOperator {
    id: String!
    "The symbol accepted on input for this operator, when there is one (>, >=, <, <=, =, !=)."
    symbol: String
    label: String!
    description: String!
    fieldTypes: [String!]!
    "none, single, list or days: what value the operator takes."
    valueKind: String!
  }

  type AutomationActionType {
    type: String!
    label: String!
    description: String!
    "JSON Schema of the action's config in its stored form. An action addressed to the deal owner takes ifOwnerMissing: what happens when the event names no owner or one not mapped to a member (automation_owner, a member's id, or skip; automation_owner when left out)."
    configSchema: JSON!
  }
`;

export const typeDefs = [ADDITIONS, PLAN];
