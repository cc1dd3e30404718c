// Numbers as people type them in the workspace's locale. The text is parsed once, on blur or
// submit, never reformatted under the cursor; a separator that could mean either thousands or
// decimals ("50.000" in English) is refused with a message instead of guessed.

export type NumberSeparators = { decimal: string; group: string };

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

const SPACES = /[\s\u00a0\u202f]/g;
const SPACE = /^[\s\u00a0\u202f]$/;

export function separatorsFor(locale: string): NumberSeparators {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  const decimal = parts.find((part) => part.type === "decimal")?.value ?? ".";
  const group = parts.find((part) => part.type === "group")?.value ?? ",";
  // French groups with a narrow no-break space; people type an ordinary one.
  return { decimal, group: SPACE.test(group) ? " " : group };
}

/** A value shown back in the workspace's format: 50000 → "50,000" (en) or "50.000" (de). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 20 }).format(value).replace(SPACES, " ");
}

function example(locale: string): string {
  return formatNumber(1250.5, locale);
}

/**
 * Typed text → a number in the locale's format. Empty text is `null` (the caller decides whether a
 * value is required). `integer` refuses fractions (a number of days).
 */
export function parseNumber(text: string, locale: string, options: { integer?: boolean } = {}): ParsedNumber | null {
  const { decimal, group } = separatorsFor(locale);
  let body = text.trim();
  if (body === "") return null;
  if (group === " ") body = body.replace(SPACES, " ");
  let sign = "";
  if (/^[+\-\u2212]/.test(body)) {
    sign = body[0] === "+" ? "" : "-";
    body = body.slice(1).trim();
  }
  const malformed: ParsedNumber = { ok: false, message: `Enter a number as this workspace writes them, e.g. ${example(locale)}` };
  const allowed = new RegExp(`^[0-9${escape(decimal)}${escape(group)}]+$`);
  if (!allowed.test(body)) return malformed;

  const pieces = body.split(decimal);
  if (pieces.length > 2) return malformed;
  const [whole, fraction = ""] = pieces;
  if (!/^[0-9]*$/.test(fraction) || (whole === "" && fraction === "")) return malformed;
  if (pieces.length === 2 && fraction === "") return malformed;

  let digits = whole;
  if (whole.includes(group)) {
    const groups = whole.split(group);
    const [first, ...rest] = groups;
    if (!/^[0-9]{1,3}$/.test(first) || rest.some((part) => !/^[0-9]{3}$/.test(part))) return malformed;
    digits = groups.join("");
  } else if (fraction.length === 3 && /^[1-9][0-9]{0,2}$/.test(whole)) {
    // "50.000" in English, "50,000" in German: thousands or decimals? Ask rather than guess.
    const asDecimal = Number(`${sign}${whole}.${fraction}`);
    const asThousands = Number(`${sign}${whole}${fraction}`);
    return {
      ok: false,
      message: `“${text.trim()}” is ambiguous: it could mean ${formatNumber(asThousands, locale)} or ${formatNumber(asDecimal, locale)}. Write ${formatNumber(asThousands, locale)} or ${whole}${decimal}${fraction.replace(/0+$/, "") || "0"} (${decimal} marks decimals here).`,
    };
  }
  if (options.integer && /[1-9]/.test(fraction)) return { ok: false, message: "Enter a whole number" };
  const value = Number(`${sign}${digits || "0"}.${fraction || "0"}`);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, message: "That number is too large" };
  return { ok: true, value: value === 0 ? 0 : value };
}

function escape(character: string): string {
  return character.replace(/[\\\]^-]/g, "\\$&");
}
