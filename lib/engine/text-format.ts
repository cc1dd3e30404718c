// How values read in rendered text: numbers and dates in the workspace's locale ("55,000" in
// en-US, "55.000" in de-DE; "Dec 4, 2026, 9:00 AM" in its time zone). Only text templates use it;
// an outbound webhook's JSON keeps the raw values. Pure (Intl is the runtime's, no clock).

export type TextFormat = { locale: string; timeZone: string };

export const RAW_FORMAT: TextFormat = { locale: "en-US", timeZone: "UTC" };

/** Keys that hold identifiers or codes, not quantities: their numbers are written as they are. */
const IDENTIFIER_KEY = /(^|_)(id|ids|zip|postal_code|phone|year|number|code)$|Id$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

type Formatters = { number: Intl.NumberFormat; date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat };
const formatters = new Map<string, Formatters>();

function formattersFor(format: TextFormat): Formatters {
  const key = `${format.locale}|${format.timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = {
      number: new Intl.NumberFormat(format.locale, { maximumFractionDigits: 10 }),
      // A calendar date is the same day everywhere: formatted in UTC, where it was parsed.
      date: new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeZone: "UTC" }),
      dateTime: new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeStyle: "short", timeZone: format.timeZone }),
    };
    formatters.set(key, found);
  }
  return found;
}

/**
 * A template value as text in `format`, or null to write it as it is: numbers (not identifiers),
 * ISO dates and ISO date-times. `key` is the variable's last path segment.
 */
export function formatValue(value: unknown, key: string, format: TextFormat): string | null {
  if (typeof value === "number") {
    return Number.isFinite(value) && !IDENTIFIER_KEY.test(key) ? formattersFor(format).number.format(value) : null;
  }
  if (typeof value !== "string" || value.length > 40) return null;
  if (ISO_DATE.test(value)) {
    const time = Date.parse(`${value}T00:00:00Z`);
    // Date.parse rolls 30 February over to March: a date that does not round-trip is left as written.
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : formattersFor(format).date.format(time);
  }
  if (ISO_DATE_TIME.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : formattersFor(format).dateTime.format(time);
  }
  return null;
}
