import { describe, expect, it } from "vitest";
import { render } from "./templates";
import { formatValue, type TextFormat } from "./text-format";

const US: TextFormat = { locale: "en-US", timeZone: "UTC" };
const DE: TextFormat = { locale: "de-DE", timeZone: "Europe/Berlin" };
const GB_BERLIN: TextFormat = { locale: "en-GB", timeZone: "Europe/Berlin" };

describe("formatValue", () => {
  it.each<[unknown, string, TextFormat, string | null]>([
    [55000, "amount", US, "55,000"],
    [55000, "amount", DE, "55.000"],
    [1250.5, "amount", DE, "1.250,5"],
    [0.05, "probability", US, "0.05"],
    [12345, "owner_id", US, null],
    [12345, "customerId", US, null],
    [2026, "year", US, null],
    [Number.NaN, "amount", US, null],
    ["2026-12-01", "close_date", US, "Dec 1, 2026"],
    ["2026-12-01", "close_date", DE, "01.12.2026"],
    ["2026-11-25T10:00:00Z", "occurredAt", GB_BERLIN, "25 Nov 2026, 11:00"],
    ["2026-11-25T10:00:00Z", "occurredAt", US, "Nov 25, 2026, 10:00 AM"],
    ["2026-02-30", "close_date", US, null],
    ["Acme renewal", "title", US, null],
    ["12000", "amount", US, null],
    [true, "won", US, null],
  ])("%j (%s) in %j → %j", (value, key, format, expected) => {
    expect(formatValue(value, key, format)).toBe(expected);
  });
});

describe("rendering text in the workspace's format", () => {
  const context = { deal: { title: "Acme", amount: 55000, owner_id: 42, close_date: "2026-12-01" } };

  it("writes numbers and dates as the locale does, identifiers as they are", () => {
    expect(render("{{deal.title}}: {{deal.amount}} EUR by {{deal.close_date}} (owner {{deal.owner_id}})", context, DE).text).toBe("Acme: 55.000 EUR by 01.12.2026 (owner 42)");
    expect(render("{{deal.amount}}", context, US).text).toBe("55,000");
  });

  it("writes raw values without a format (the engine's callers that want raw text)", () => {
    expect(render("{{deal.amount}} by {{deal.close_date}}", context).text).toBe("55000 by 2026-12-01");
  });
});
