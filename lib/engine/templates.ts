// `{{deal.title}}`-style templates. A tiny tokenizer and an own-property path lookup: no code
// execution, no prototype access, so a user-written template can only read the context it is given.

import { BoundedCache } from "./bounded-cache";
import { formatValue, type TextFormat } from "./text-format";

type Variable = { path: string; segments: readonly string[]; blocked: boolean };
type Part = string | Variable;
export type CompiledTemplate = { readonly parts: readonly Part[]; readonly variables: readonly string[] };
export type RenderResult = { text: string; missing: string[] };
export type TemplateContext = Record<string, unknown>;

const OPEN = "{{";
const CLOSE = "}}";
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
// Reading these would walk into prototypes: refused even if the context had such own keys.
const BLOCKED_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
const MISSING = Symbol("missing");

const cache = new BoundedCache<string, CompiledTemplate>(2_000);

function parseTemplate(template: string): CompiledTemplate {
  const parts: Part[] = [];
  const variables: string[] = [];
  let literal = "";
  let index = 0;
  while (index < template.length) {
    const first = template.indexOf(OPEN, index);
    const close = first === -1 ? -1 : template.indexOf(CLOSE, first + OPEN.length);
    if (first === -1 || close === -1) break;
    // The innermost "{{" before the close, so "{{ {{deal.title}}" still finds the variable.
    const open = template.lastIndexOf(OPEN, close - OPEN.length);
    const inner = template.slice(open + OPEN.length, close).trim();
    literal += template.slice(index, open);
    if (VARIABLE.test(inner)) {
      if (literal) parts.push(literal);
      literal = "";
      const segments = inner.split(".");
      parts.push({ path: inner, segments, blocked: segments.some((segment) => BLOCKED_SEGMENTS.has(segment)) });
      variables.push(inner);
    } else {
      // Not a variable (e.g. "{{ }}" or "{{a b}}"): keep the text as written.
      literal += template.slice(open, close + CLOSE.length);
    }
    index = close + CLOSE.length;
  }
  literal += template.slice(index);
  if (literal) parts.push(literal);
  return { parts, variables };
}

/** Parses a template once; later calls with the same string reuse the result. */
export function compileTemplate(template: string): CompiledTemplate {
  return cache.getOrCreate(template, () => parseTemplate(template));
}

function lookup(context: TemplateContext, segments: readonly string[]): unknown {
  let value: unknown = context;
  for (const segment of segments) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) return MISSING;
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined ? MISSING : value;
}

function stringify(value: unknown): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/** `format`: numbers and dates as the workspace writes them (text fields); without it, raw. */
export function renderCompiled(compiled: CompiledTemplate, context: TemplateContext, format?: TextFormat): RenderResult {
  let text = "";
  let missing: string[] | undefined;
  for (const part of compiled.parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const value = part.blocked ? MISSING : lookup(context, part.segments);
    if (value === MISSING) {
      missing ??= [];
      if (!missing.includes(part.path)) missing.push(part.path);
    } else {
      text += (format && formatValue(value, part.segments[part.segments.length - 1], format)) ?? stringify(value);
    }
  }
  return { text, missing: missing ?? [] };
}

/** Renders a template; unknown (or refused) variables render as "" and are listed in `missing`. */
export function render(template: string, context: TemplateContext, format?: TextFormat): RenderResult {
  return renderCompiled(compileTemplate(template), context, format);
}
