import { describe, expect, it } from "vitest";
import { localeFromBrowser } from "./locales";
import { formatNumber, parseNumber } from "./number-format";

describe("parseNumber", () => {
  it.each([
    ["en-US", "0.05", 0.05],
    ["en-US", "50,000", 50000],
    ["en-US", "1,250.5", 1250.5],
    ["en-US", "0.050", 0.05],
    ["en-US", ".5", 0.5],
    ["en-US", "-1,000", -1000],
    ["en-US", "1000000", 1000000],
    ["en-US", "12.5", 12.5],
    ["de-DE", "50.000", 50000],
    ["de-DE", "0,05", 0.05],
    ["de-DE", "1.250,5", 1250.5],
    ["fr-FR", "1 250,5", 1250.5],
    ["fr-FR", "1\u202f250,5", 1250.5],
  ])("%s reads %j as %d", (locale, text, value) => {
    expect(parseNumber(text, locale)).toEqual({ ok: true, value });
  });

  it.each([
    ["en-US", "50.000", /ambiguous: it could mean 50,000 or 50/],
    ["de-DE", "50,000", /ambiguous: it could mean 50\.000 or 50/],
  ])("%s refuses %j as ambiguous", (locale, text, message) => {
    const result = parseNumber(text, locale);
    expect(result?.ok).toBe(false);
    expect(result && !result.ok && result.message).toMatch(message);
  });

  it.each([
    ["en-US", "0,05"],
    ["en-US", "1,2,3"],
    ["en-US", "1.2.3"],
    ["en-US", "12abc"],
    ["en-US", "1e5"],
    ["en-US", "5."],
    ["en-US", "-"],
    ["de-DE", "1,250.5"],
    ["de-DE", "1.5"],
    ["fr-FR", "1.5"],
  ])("%s refuses %j as malformed with an example in the workspace's format", (locale, text) => {
    const result = parseNumber(text, locale);
    expect(result).toEqual({ ok: false, message: `Enter a number as this workspace writes them, e.g. ${formatNumber(1250.5, locale)}` });
  });

  it("treats blank text as no value", () => {
    expect(parseNumber("  ", "en-US")).toBeNull();
  });

  it("refuses fractions where a whole number is needed", () => {
    expect(parseNumber("2.5", "en-US", { integer: true })).toEqual({ ok: false, message: "Enter a whole number" });
    expect(parseNumber("2", "en-US", { integer: true })).toEqual({ ok: true, value: 2 });
  });

  it("refuses numbers past the safe range", () => {
    expect(parseNumber("99999999999999999999", "en-US")).toEqual({ ok: false, message: "That number is too large" });
  });
});

describe("formatNumber", () => {
  it("writes numbers back in the locale", () => {
    expect(formatNumber(50000, "en-US")).toBe("50,000");
    expect(formatNumber(0.05, "de-DE")).toBe("0,05");
    expect(formatNumber(1250.5, "fr-FR")).toBe("1 250,5");
  });
});

describe("localeFromBrowser", () => {
  it.each([
    ["de-AT", "de-DE"],
    ["en", "en-US"],
    ["en-GB", "en-GB"],
    ["ja-JP", "en-US"],
    ["", "en-US"],
    [null, "en-US"],
  ])("%j → %s", (language, locale) => {
    expect(localeFromBrowser(language)).toBe(locale);
  });
});
