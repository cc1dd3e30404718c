// Actions as the API accepts them → the stored list. `action` is one action or an array; each is
// flat (`{ "type": "create_activity", "subject": "…", "due_in_days": 2 }`, the plan's form) or
// stored (`{ "type", "config": {…} }`). Recipients may be words, a member's id or an address.

import { z } from "zod";
import { DEFAULT_OWNER_FALLBACK, getAction } from "@/lib/automations/actions";
import { camelCase, isRecord, objectKeys, rewriteKeys, snakeCase, type JsonRecord } from "./keys";
import type { InputIssue, Origin } from "./origin";

/** Defaults the plan implies for its short form: an activity for the deal owner, of type task. */
const DEFAULTS: Readonly<Record<string, JsonRecord>> = {
  create_activity: { activityType: "task", assignee: { kind: "deal_owner" } },
};

const KEY_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  create_activity: { assignee_id: "assignee", assigneeId: "assignee", assigned_to: "assignee", assignedTo: "assignee", due_days: "dueInDays" },
  notify_user: { recipient: "to", user_id: "to", userId: "to" },
  send_email: { recipient: "to" },
};

/** Config keys holding a recipient, by action type. */
const RECIPIENT_KEYS: Readonly<Record<string, string>> = { create_activity: "assignee", notify_user: "to", send_email: "to" };

const isUuid = (value: string) => z.uuid().safeParse(value).success;

export function resolveActionType(value: unknown): unknown {
  if (typeof value !== "string" || getAction(value)) return value;
  const snake = snakeCase(value.trim());
  return getAction(snake) ? snake : value;
}

export function normalizeActions(sent: unknown, origin: Origin, issues: InputIssue[]): unknown[] {
  if (sent === null || sent === undefined) return [];
  if (Array.isArray(sent)) return sent.map((action, index) => normalizeAction(action, origin.child(index, [...origin.path, index]), issues));
  return [normalizeAction(sent, origin.child(0, origin.path), issues)];
}

function normalizeAction(sent: unknown, origin: Origin, issues: InputIssue[]): unknown {
  if (!isRecord(sent)) return sent;
  const type = resolveActionType(sent.type);
  const definition = typeof type === "string" ? getAction(type) : undefined;
  if (!definition) return { ...sent, type };
  origin.child("type", [...origin.path, "type"]);
  const stored = "config" in sent;
  if (stored) {
    for (const key of Object.keys(sent)) {
      if (key !== "type" && key !== "config") issues.push({ path: [...origin.path, key], message: `Unknown key “${key}”` });
    }
  }
  const sentConfig = stored ? sent.config : sent;
  const configOrigin = origin.child("config", stored ? [...origin.path, "config"] : origin.path);
  if (!isRecord(sentConfig)) return { type: definition.type, config: sentConfig };
  const config = rewriteKeys(sentConfig, configOrigin, issues, {
    allowed: objectKeys(definition.schema),
    aliases: KEY_ALIASES[definition.type],
    skip: stored ? [] : ["type"],
  });
  if (typeof config.activityType === "string") config.activityType = config.activityType.trim().toLowerCase();
  const recipientKey = RECIPIENT_KEYS[definition.type];
  if (recipientKey && recipientKey in config) {
    config[recipientKey] = normalizeRecipient(config[recipientKey], configOrigin.at(recipientKey)!, issues);
  }
  if (definition.type === "send_webhook" && isRecord(config.headers)) {
    config.headers = Object.entries(config.headers).map(([name, value]) => ({ name, value }));
  }
  if ("ifOwnerMissing" in config) config.ifOwnerMissing = normalizeFallback(config.ifOwnerMissing, configOrigin.at("ifOwnerMissing")!, issues);
  return { type: definition.type, config: withDefaultFallback(recipientKey, { ...DEFAULTS[definition.type], ...config }) };
}

/** An action for the deal owner sent without a fallback gets the default one (the automation owner), as in the editor. */
function withDefaultFallback(recipientKey: string | undefined, config: JsonRecord): JsonRecord {
  if (!recipientKey || "ifOwnerMissing" in config) return config;
  const recipient = config[recipientKey];
  return isRecord(recipient) && recipient.kind === "deal_owner" ? { ...config, ifOwnerMissing: { ...DEFAULT_OWNER_FALLBACK } } : config;
}

/** "automation_owner" | "skip" | a member's id | the stored `{ kind, … }`. */
function normalizeFallback(sent: unknown, origin: Origin, issues: InputIssue[]): unknown {
  if (typeof sent === "string") {
    const word = snakeCase(sent.trim());
    if (word === "automation_owner" || word === "skip") return { kind: word };
    if (isUuid(sent.trim())) return { kind: "member", userId: sent.trim() };
    return sent;
  }
  return normalizeRecipient(sent, origin, issues);
}

/** "deal_owner" | "automation_owner" | a member's id | an email address | the stored `{ kind, … }`. */
function normalizeRecipient(sent: unknown, origin: Origin, issues: InputIssue[]): unknown {
  if (typeof sent === "string") {
    const word = snakeCase(sent.trim());
    if (word === "deal_owner" || word === "automation_owner") return { kind: word };
    if (isUuid(sent.trim())) return { kind: "member", userId: sent.trim() };
    if (sent.includes("@")) return { kind: "address", address: sent.trim() };
    return sent;
  }
  if (!isRecord(sent)) return sent;
  const recipient = rewriteKeys(sent, origin, issues, { allowed: ["kind", "userId", "address"], aliases: { user_id: "userId", id: "userId", email: "address" } });
  if (typeof recipient.kind === "string") recipient.kind = snakeCase(camelCase(recipient.kind.trim()));
  return recipient;
}
