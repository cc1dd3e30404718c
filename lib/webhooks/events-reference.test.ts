// docs/events.md is generated: it must match what the catalog and the registry say now, and say
// what it promises (every field, every trigger, an example of every event type that the route accepts).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ENTITY_TYPES, fieldsFor } from "@/lib/automations/fields";
import { triggersFor } from "@/lib/automations/triggers";
import { EVENT_ACTIONS } from "@/lib/engine/event";
import { nativeAdapter } from "./adapters";
import { EVENTS_DOC_COMMAND, EVENTS_DOC_FILE, renderEventsReference } from "./events-reference";

describe("docs/events.md", () => {
  const doc = renderEventsReference();

  it(`is up to date (run \`${EVENTS_DOC_COMMAND}\` after changing fields or triggers)`, () => {
    const committed = fs.readFileSync(EVENTS_DOC_FILE, "utf8");
    expect(committed === doc, `${EVENTS_DOC_FILE} is stale: run \`${EVENTS_DOC_COMMAND}\` and commit the result`).toBe(true);
  });

  it("lists every field and every event-driven trigger of each entity", () => {
    for (const entity of ENTITY_TYPES) {
      for (const field of fieldsFor(entity)) expect(doc).toContain(`| \`${field.key}\` | ${field.label} |`);
      for (const trigger of triggersFor(entity)) expect(doc).toContain(`(\`${trigger.type}\`)`);
    }
  });

  it("has one example per event type, each accepted by the native adapter as it stands", () => {
    const examples = [...doc.matchAll(/^`(\w+\.\w+)`:\n\n```json\n([\s\S]*?)\n```/gm)];
    expect(examples.map((match) => match[1])).toEqual(ENTITY_TYPES.flatMap((entity) => EVENT_ACTIONS.map((action) => `${entity}.${action}`)));
    for (const [, type, json] of examples) {
      const result = nativeAdapter.normalize(JSON.parse(json), { now: new Date("2026-11-25T10:00:00Z") });
      expect({ type, ok: result.ok }).toEqual({ type, ok: true });
      expect(result.ok ? result.event.type : null).toBe(type);
    }
  });
});
