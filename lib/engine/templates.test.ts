import { describe, expect, it } from "vitest";
import { compileTemplate, render } from "./templates";

const context = {
  deal: { id: "D-1042", title: "Acme renewal", amount: 12000, won: false, closed_at: null, tags: ["a", "b"] },
  owner: { email: "member@demo.test", name: "Mia Member" },
  automation: { name: "Negotiation follow-up" },
  event: { type: "deal.updated" },
  entity: { id: "D-1042", type: "deal" },
};

describe("render", () => {
  it.each<[string, string, string[]]>([
    ["Follow up on {{deal.title}}", "Follow up on Acme renewal", []],
    ["{{ deal.amount }} EUR", "12000 EUR", []],
    ["{{   owner.email}} / {{owner.name   }}", "member@demo.test / Mia Member", []],
    ["{{automation.name}}: {{event.type}} on {{entity.id}}", "Negotiation follow-up: deal.updated on D-1042", []],
    ["won={{deal.won}} closed={{deal.closed_at}}", "won=false closed=", []],
    ["{{deal.tags}} {{deal.tags.1}}", '["a","b"] b', []],
    ["Hi {{deal.nope}}!", "Hi !", ["deal.nope"]],
    ["{{contact.name}} {{contact.name}} {{x}}", "  ", ["contact.name", "x"]],
    ["{{deal.title.length}}", "", ["deal.title.length"]],
    ["{{deal.__proto__}}", "", ["deal.__proto__"]],
    ["{{deal.constructor.name}}", "", ["deal.constructor.name"]],
    ["{{constructor}}", "", ["constructor"]],
    ["{{deal.tags.constructor.prototype}}", "", ["deal.tags.constructor.prototype"]],
    ["{{toString}}", "", ["toString"]],
    ["no variables at all", "no variables at all", []],
    ["", "", []],
    ["{{ }} {{a b}} {{deal.title()}} {{ unclosed", "{{ }} {{a b}} {{deal.title()}} {{ unclosed", []],
    ["{{{deal.title}}}", "{Acme renewal}", []],
    ["{{ {{deal.title}}", "{{ Acme renewal", []],
    ["{{deal.title}}{{deal.amount}}", "Acme renewal12000", []],
  ])("%j → %j", (template, text, missing) => {
    expect(render(template, context)).toEqual({ text, missing });
  });

  it("never reads through the prototype chain", () => {
    const polluted = JSON.parse('{"deal": {"__proto__": {"title": "evil"}}}') as Record<string, unknown>;
    expect(render("{{deal.title}}", polluted)).toEqual({ text: "", missing: ["deal.title"] });
    expect(render("{{deal.hasOwnProperty}}", { deal: {} })).toEqual({ text: "", missing: ["deal.hasOwnProperty"] });
  });

  it("refuses blocked segments even when the context has them as own keys", () => {
    const own = JSON.parse('{"__proto__": "p", "deal": {"constructor": "c", "prototype": "q"}}') as Record<string, unknown>;
    expect(render("{{__proto__}}|{{deal.constructor}}|{{deal.prototype}}", own)).toEqual({
      text: "||",
      missing: ["__proto__", "deal.constructor", "deal.prototype"],
    });
  });

  it("compiles each template string once", () => {
    expect(compileTemplate("Hello {{owner.name}}")).toBe(compileTemplate("Hello {{owner.name}}"));
    expect(compileTemplate("Hello {{owner.name}}").variables).toEqual(["owner.name"]);
  });
});
