// Due-time arithmetic: time zones, both DST changes, month ends and leap days, all with `now`
// passed in.
import { describe, expect, it } from "vitest";
import {
  addDays,
  dateRelativeDueAt,
  fieldDate,
  inactiveMark,
  isValidTimeZone,
  latestDueFieldDate,
  latestOccurrence,
  localDate,
  nextOccurrence,
  zonedInstant,
} from "./time-math";

const iso = (date: Date | null) => date?.toISOString() ?? null;
const MINUTE_MS = 60_000;

describe("zonedInstant", () => {
  it.each([
    ["2026-06-01", "09:00", "UTC", "2026-06-01T09:00:00.000Z"],
    ["2026-06-01", "09:00", "Asia/Kolkata", "2026-06-01T03:30:00.000Z"],
    ["2026-06-01", "09:00", "America/Los_Angeles", "2026-06-01T16:00:00.000Z"],
    // Berlin, spring forward (29 March 2026): 09:00 local either side of the change.
    ["2026-03-28", "09:00", "Europe/Berlin", "2026-03-28T08:00:00.000Z"],
    ["2026-03-29", "09:00", "Europe/Berlin", "2026-03-29T07:00:00.000Z"],
    ["2026-03-30", "09:00", "Europe/Berlin", "2026-03-30T07:00:00.000Z"],
    // Autumn back (25 October 2026).
    ["2026-10-24", "09:00", "Europe/Berlin", "2026-10-24T07:00:00.000Z"],
    ["2026-10-25", "09:00", "Europe/Berlin", "2026-10-25T08:00:00.000Z"],
    // A skipped time is the same moment after the change; a repeated one its first occurrence.
    ["2026-03-29", "02:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
    // Across the date line.
    ["2026-12-07", "09:00", "Pacific/Auckland", "2026-12-06T20:00:00.000Z"],
  ])("%s %s in %s → %s", (date, time, zone, expected) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(expected);
  });
});

describe("calendar dates", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-03-01", -3, "2026-02-26"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2027-03-01", -1, "2027-02-28"],
    ["2026-05-31", 180, "2026-11-27"],
  ])("%s %+d days → %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2026-12-10", "2026-12-10"],
    ["2026-12-10T23:30:00-05:00", "2026-12-10"],
    ["2028-02-29", "2028-02-29"],
    ["2027-02-29", null],
    ["2026-13-01", null],
    ["next Tuesday", null],
    [20261210, null],
    [null, null],
  ])("the date of %j is %j", (value, expected) => {
    expect(fieldDate(value)).toBe(expected);
  });

  it("reads local dates in the zone", () => {
    expect(localDate(new Date("2026-03-01T23:30:00Z"), "Europe/Berlin")).toBe("2026-03-02");
    expect(localDate(new Date("2026-03-01T23:30:00Z"), "America/New_York")).toBe("2026-03-01");
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("date-relative triggers", () => {
  const before3 = { days: 3, direction: "before" as const, at: "09:00" };

  it("are due N days before or after the date, at the hour, in the zone", () => {
    expect(iso(dateRelativeDueAt("2026-12-10", before3, "UTC"))).toBe("2026-12-07T09:00:00.000Z");
    expect(iso(dateRelativeDueAt("2026-12-10", { days: 2, direction: "after", at: "17:30" }, "Europe/Berlin"))).toBe("2026-12-12T16:30:00.000Z");
    // Month ends and leap days.
    expect(iso(dateRelativeDueAt("2028-03-02", before3, "UTC"))).toBe("2028-02-28T09:00:00.000Z");
    expect(iso(dateRelativeDueAt("2028-02-27", { days: 2, direction: "after", at: "09:00" }, "UTC"))).toBe("2028-02-29T09:00:00.000Z");
    expect(iso(dateRelativeDueAt("2027-01-30", { days: 2, direction: "after", at: "00:00" }, "UTC"))).toBe("2027-02-01T00:00:00.000Z");
  });

  it("name the latest field date due by now: the hour is the boundary", () => {
    expect(latestDueFieldDate(new Date("2026-12-07T08:59:00Z"), before3, "UTC")).toBe("2026-12-09");
    expect(latestDueFieldDate(new Date("2026-12-07T09:00:00Z"), before3, "UTC")).toBe("2026-12-10");
    // Tokyo is ahead of UTC: 23:30Z on the 6th is 08:30 on the 7th there.
    expect(latestDueFieldDate(new Date("2026-12-06T23:30:00Z"), before3, "Asia/Tokyo")).toBe("2026-12-09");
    expect(latestDueFieldDate(new Date("2026-12-07T00:00:00Z"), before3, "Asia/Tokyo")).toBe("2026-12-10");
  });

  it.each([
    ["spring forward", "2026-03-27T12:00:00Z"],
    ["autumn back", "2026-10-23T12:00:00Z"],
  ])("fire a 09:00 trigger at 09:00 local on both sides of the %s change, once a day", (_, start) => {
    const zone = "Europe/Berlin";
    const settings = { days: 0, direction: "after" as const, at: "09:00" };
    const changes: string[] = [];
    let previous = latestDueFieldDate(new Date(start), settings, zone);
    for (let t = Date.parse(start); t < Date.parse(start) + 4 * 86_400_000; t += MINUTE_MS) {
      const current = latestDueFieldDate(new Date(t), settings, zone);
      if (current !== previous) changes.push(new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(t));
      previous = current;
    }
    expect(changes).toHaveLength(4);
    for (const change of changes) expect(change).toMatch(/, 09:00$/);
  });
});

describe("deal inactive", () => {
  it("marks a deal inactive whole days after its last activity, whatever the zone's changes", () => {
    expect(iso(inactiveMark(new Date("2026-03-25T10:00:00Z"), 7))).toBe("2026-04-01T10:00:00.000Z");
    expect(iso(inactiveMark(new Date("2028-02-28T10:00:00Z"), 1))).toBe("2028-02-29T10:00:00.000Z");
  });
});

describe("schedules", () => {
  it("occur at the local hour on both sides of DST changes", () => {
    const zone = "Europe/Berlin";
    expect(iso(nextOccurrence("0 9 * * *", zone, new Date("2026-03-28T12:00:00Z")))).toBe("2026-03-29T07:00:00.000Z");
    expect(iso(nextOccurrence("0 9 * * *", zone, new Date("2026-03-27T12:00:00Z")))).toBe("2026-03-28T08:00:00.000Z");
    expect(iso(nextOccurrence("0 9 * * *", zone, new Date("2026-10-24T12:00:00Z")))).toBe("2026-10-25T08:00:00.000Z");
    expect(iso(latestOccurrence("0 9 * * *", zone, new Date("2026-10-25T08:00:00Z")))).toBe("2026-10-25T08:00:00.000Z");
    expect(iso(latestOccurrence("0 9 * * *", zone, new Date("2026-10-25T07:59:00Z")))).toBe("2026-10-24T07:00:00.000Z");
  });

  it("handle weekdays, month ends and leap days", () => {
    // Friday 27 November 2026 → the next weekday 09:00 is Monday the 30th.
    expect(iso(nextOccurrence("0 9 * * 1-5", "UTC", new Date("2026-11-27T10:00:00Z")))).toBe("2026-11-30T09:00:00.000Z");
    expect(iso(nextOccurrence("0 9 1 * *", "UTC", new Date("2026-01-31T10:00:00Z")))).toBe("2026-02-01T09:00:00.000Z");
    expect(iso(nextOccurrence("0 9 29 2 *", "UTC", new Date("2026-03-01T00:00:00Z")))).toBe("2028-02-29T09:00:00.000Z");
    expect(iso(nextOccurrence("0 9 31 * *", "UTC", new Date("2026-04-01T00:00:00Z")))).toBe("2026-05-31T09:00:00.000Z");
  });
});
