import { describe, expect, it } from "vitest";
import { automationInputSchema } from "@/lib/automations/schema";
import { getTrigger } from "@/lib/automations/triggers";
import { BUILTIN_TEMPLATES, TEMPLATE_GOALS } from "./builtin-templates";
import { fillBlanks } from "./fill-blanks";


type Template = (typeof BUILTIN_TEMPLATES)[number];
const has = (predicate: (t: Template) => boolean) => BUILTIN_TEMPLATES.some(predicate);
const actions = (t: Template) => t.values.actions.map((a) => a.type);

describe("the built-in templates", () => {
  it("are at least twelve, with unique ids, covering every goal", () => {
    expect(BUILTIN_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(BUILTIN_TEMPLATES.map((t) => t.id)).size).toBe(BUILTIN_TEMPLATES.length);
    expect(new Set(BUILTIN_TEMPLATES.map((t) => t.goal))).toEqual(new Set(Object.keys(TEMPLATE_GOALS)));
  });

  it.each(BUILTIN_TEMPLATES.map((t) => [t.id, t] as const))("%s parses with the shared schema once its blanks are filled", (_id, template) => {
    const parsed = automationInputSchema.safeParse(fillBlanks(template.values, template.choose.map((b) => [b.path, b.sample])));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(getTrigger(template.values.trigger.type)).toBeDefined();
  });

  // A person, a stage or a URL has no sensible default: the template cannot be saved until chosen.
  const withTextBlanks = BUILTIN_TEMPLATES.filter((t) => t.choose.some((b) => typeof b.sample === "string"));
  it.each(withTextBlanks.map((t) => [t.id, t] as const))("%s does not parse until its blanks are chosen", (_id, template) => {
    expect(automationInputSchema.safeParse(template.values).success).toBe(false);
  });

  it("cover the plan's five use cases", () => {
    expect(has((t) => t.values.trigger.type === "deal.stage_changed" && actions(t).includes("create_activity"))).toBe(true);
    expect(has((t) => t.values.trigger.type === "deal.created" && (actions(t).includes("notify_user") || actions(t).includes("send_email")))).toBe(true);
    expect(has((t) => t.values.trigger.type === "deal.inactive" && actions(t).includes("create_activity"))).toBe(true);
    expect(has((t) => t.values.trigger.type === "deal.lost")).toBe(true);
    expect(has((t) => t.values.trigger.type === "contact.updated" && actions(t).includes("send_webhook"))).toBe(true);
  });
});
