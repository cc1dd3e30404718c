import { describe, expect, it } from "vitest";
import { dueDate } from "./due-date";

// 2026-12-04 is a Friday.
const FRIDAY_NOON_UTC = new Date("2026-12-04T12:00:00Z");

describe("dueDate", () => {
  it.each<[string, Date, Parameters<typeof dueDate>[1], string, string]>([
    ["N × 24 h without a time or business days (as before)", FRIDAY_NOON_UTC, { dueInDays: 1 }, "UTC", "2026-12-05T12:00:00.000Z"],
    ["tomorrow at 09:00 in Berlin", FRIDAY_NOON_UTC, { dueInDays: 1, dueTime: "09:00" }, "Europe/Berlin", "2026-12-05T08:00:00.000Z"],
    ["1 business day from Friday is Monday, at the event's local time", FRIDAY_NOON_UTC, { dueInDays: 1, businessDays: true }, "Europe/Berlin", "2026-12-07T12:00:00.000Z"],
    ["2 business days from Friday at 17:30 New York time", FRIDAY_NOON_UTC, { dueInDays: 2, dueTime: "17:30", businessDays: true }, "America/New_York", "2026-12-08T22:30:00.000Z"],
    ["0 business days on a Saturday is the next Monday", new Date("2026-12-05T10:00:00Z"), { dueInDays: 0, dueTime: "09:00", businessDays: true }, "UTC", "2026-12-07T09:00:00.000Z"],
    ["today at a time, in the zone's own date (late evening UTC is tomorrow in Tokyo)", new Date("2026-12-04T20:00:00Z"), { dueInDays: 0, dueTime: "10:00" }, "Asia/Tokyo", "2026-12-05T01:00:00.000Z"],
    ["across a DST change: 09:00 local both sides", new Date("2026-03-28T12:00:00Z"), { dueInDays: 1, dueTime: "09:00" }, "Europe/Berlin", "2026-03-29T07:00:00.000Z"],
  ])("%s", (_, now, settings, timeZone, expected) => {
    expect(dueDate(now, settings, timeZone).toISOString()).toBe(expected);
  });
});
