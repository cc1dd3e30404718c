// Checked on the raw text before JSON.parse, in one pass: a payload nested thousands of levels deep
// would otherwise cost a deep recursive parse and later blow the stack of whatever walks the result;
// and a string (or key) escaping a NUL (\u0000) or an unpaired UTF-16 surrogate (\ud800) parses
// fine but cannot be stored by PostgreSQL (22P05 in jsonb, 22021 in text), so it is flagged here.
// The text comes from a fatal UTF-8 decode, so such characters can only arrive as \u escapes.

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const LOWER_U = 0x75; // u

export type JsonScan = { tooDeep: boolean; unstorableEscape: boolean };

/** The value of the 4 hex digits at `at`, or -1. */
function hexAt(text: string, at: number): number {
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * For the \u escape whose backslash is at `i`: how many characters after the backslash it spans
 * (so the caller can skip them), negated when the escape is a NUL or an unpaired surrogate.
 */
function unicodeEscape(text: string, i: number): number {
  const unit = hexAt(text, i + 2);
  if (unit === 0) return -5;
  if (unit >= 0xdc00 && unit <= 0xdfff) return -5;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const paired = text.charCodeAt(i + 6) === BACKSLASH && text.charCodeAt(i + 7) === LOWER_U;
    const low = paired ? hexAt(text, i + 8) : -1;
    return low >= 0xdc00 && low <= 0xdfff ? 11 : -5;
  }
  return 5;
}

/** Depth over `max` (brackets inside strings do not count), and whether any string escapes an unstorable character. */
export function scanJsonText(text: string, max = 32): JsonScan {
  let depth = 0;
  let inString = false;
  let tooDeep = false;
  let unstorableEscape = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) {
        if (text.charCodeAt(i + 1) === LOWER_U) {
          const span = unicodeEscape(text, i);
          if (span < 0) unstorableEscape = true;
          i += Math.abs(span);
        } else {
          i++; // skip the escaped character, which may be a quote
        }
      } else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > max) {
        tooDeep = true;
        break;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { tooDeep, unstorableEscape };
}

/** True when objects/arrays nest deeper than `max`; brackets inside strings do not count. */
export function jsonDepthExceeds(text: string, max = 32): boolean {
  return scanJsonText(text, max).tooDeep;
}
