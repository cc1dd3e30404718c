import { describe, expect, it } from "vitest";
import { MAX_IMPORT_CHARS, parseStageImport } from "./parse-stage-import";

describe("parseStageImport", () => {
  it.each<[string, unknown, { id: string; label: string }[]]>([
    ["objects with id and label", [{ id: "3", label: "Qualified" }, { id: 4, label: "Demo" }], [{ id: "3", label: "Qualified" }, { id: "4", label: "Demo" }]],
    ["objects with name, ordered by order_nr", [{ id: 2, name: "B", order_nr: 2 }, { id: 1, name: "A", order_nr: 1 }], [{ id: "1", label: "A" }, { id: "2", label: "B" }]],
    ["a Pipedrive response", { success: true, data: [{ id: 7, name: "Won", order_nr: 1, pipeline_id: 3 }] }, [{ id: "7", label: "Won" }]],
    ["labels, ids made from them", ["Lead", "Contract sent"], [{ id: "lead", label: "Lead" }, { id: "contract_sent", label: "Contract sent" }]],
  ])("reads %s", (_, json, stages) => {
    expect(parseStageImport(JSON.stringify(json))).toEqual({ ok: true, stages });
  });

  it.each<[string, string, string]>([
    ["empty text", "  ", "Paste the stages as JSON"],
    ["broken JSON", "[{", "This is not valid JSON: "],
    ["an object without data", '{"stages": []}', "Paste a JSON list of stages"],
    ["an empty list", "[]", "The list is empty: a pipeline needs at least one stage"],
    ["a stage without an id", '[{"label": "A"}]', 'Stage 1 has no id: give "id" as your CRM sends it (text or a number)'],
    ["a stage without a label", '[{"id": 1}]', 'Stage 1 has no label: give "label" or "name"'],
    ["a number", "[1]", "Stage 1: expected an object with an id and a label, or a label"],
    ["the same id twice", '[{"id": "A", "label": "A"}, {"id": "a", "label": "B"}]', "Stage 2: id “a” is already used by stage 1"],
    ["two pipelines", JSON.stringify({ data: [{ id: 1, name: "A", pipeline_id: 1 }, { id: 2, name: "B", pipeline_id: 2 }] }), "The list holds the stages of 2 pipelines (ids 1, 2): paste one pipeline's stages at a time"],
    ["too many stages", JSON.stringify(Array.from({ length: 101 }, (_, i) => `S${i}`)), "The list has 101 stages; a pipeline has at most 100"],
    ["too long a text", "x".repeat(MAX_IMPORT_CHARS + 1), "The pasted text is 100,001 characters; at most 100,000 are accepted"],
  ])("refuses %s", (_, text, message) => {
    const result = parseStageImport(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors[0]).toContain(message);
  });
});
