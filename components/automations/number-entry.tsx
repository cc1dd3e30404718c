"use client";
// Number inputs that keep what is typed. The text stays as typed while the field has focus; on
// blur it is parsed in the workspace's format and shown back formatted, and a text that is not a
// number (or is ambiguous) keeps its message until fixed. Problems are also handed to the form's
// resolver (through `useNumberProblems`) so a submit without a blur is refused the same way.

import { createContext, useContext, useEffect, useState } from "react";
import { Controller, useFormContext, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { Input } from "@/components/ui/field";
import { DEFAULT_LOCALE } from "@/lib/workspaces/locales";
import { formatNumber, parseNumber, type ParsedNumber } from "@/lib/workspaces/number-format";

type NumberFormat = { locale: string; problems: Map<string, string> };

const NumberFormatContext = createContext<NumberFormat>({ locale: DEFAULT_LOCALE, problems: new Map() });

export const NumberFormatProvider = NumberFormatContext.Provider;

export function useNumberFormat(): NumberFormat {
  return useContext(NumberFormatContext);
}

/** One map of "path → message" per form, read by the resolver below. */
export function useNumberProblems(): Map<string, string> {
  return useState(() => new Map<string, string>())[0];
}

/** The schema's resolver plus the number inputs' own problems, which win at their paths. */
export function withNumberProblems<T extends FieldValues, C, R>(resolver: Resolver<T, C, R>, problems: Map<string, string>): Resolver<T, C, R> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    if (problems.size === 0) return result;
    const errors = { ...result.errors } as Record<string, unknown>;
    for (const [path, message] of problems) setAt(errors, path.split("."), { type: "format", message });
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}

function setAt(target: Record<string, unknown>, keys: string[], leaf: unknown): void {
  const [key, ...rest] = keys;
  if (rest.length === 0) {
    target[key] = leaf;
    return;
  }
  const existing = target[key];
  const next = (existing && typeof existing === "object" ? existing : /^\d+$/.test(rest[0]) ? [] : {}) as Record<string, unknown>;
  target[key] = Array.isArray(next) ? [...next] : { ...next };
  setAt(target[key] as Record<string, unknown>, rest, leaf);
}

/** "50,000" → the number, in the workspace's format; for lists, items separated by ";". */
export function parseEntry(text: string, locale: string, options: { integer?: boolean; list?: boolean }): ParsedNumber | { ok: true; value: number[] } | null {
  if (!options.list) return parseNumber(text, locale, options);
  const items = text.split(";").map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) return null;
  const values: number[] = [];
  for (const item of items) {
    const parsed = parseNumber(item, locale, options);
    if (!parsed) continue;
    if (!parsed.ok) return { ok: false, message: `${item}: ${parsed.message}` };
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function shown(value: unknown, locale: string): string {
  if (typeof value === "number") return formatNumber(value, locale);
  if (Array.isArray(value)) return value.map((item) => shown(item, locale)).join("; ");
  return value === undefined || value === null ? "" : String(value);
}

type NumberInputProps = {
  name: string;
  inputProps: { id: string; invalid: boolean; "aria-describedby"?: string };
  /** The schema's message at this path, shown when the text itself parses. */
  error: string | undefined;
  integer?: boolean;
  list?: boolean;
  placeholder?: string;
  /** Renders the field around the input with the message to show. */
  children: (input: React.ReactNode, error: string | undefined) => React.ReactNode;
};

export function NumberInput({ name, inputProps, error, integer, list, placeholder, children }: NumberInputProps) {
  const { control, getValues, formState } = useFormContext();
  const { locale, problems } = useNumberFormat();
  const [text, setText] = useState(() => shown(getValues(name), locale));
  const [blurred, setBlurred] = useState(false);
  const parsed = parseEntry(text, locale, { integer, list });
  const problem = parsed && !parsed.ok ? parsed.message : undefined;

  useEffect(() => {
    if (problem) problems.set(name, problem);
    else problems.delete(name);
    return () => {
      problems.delete(name);
    };
  }, [name, problem, problems]);

  const message = problem && (blurred || formState.submitCount > 0) ? problem : error;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <>
          {children(
            <Input
              {...inputProps}
              invalid={Boolean(message)}
              aria-describedby={message ? `${inputProps.id}-error` : undefined}
              // Spread: the shared Input forwards `ref` (a plain prop in React 19) but does not type it.
              {...{ ref: field.ref, name: field.name }}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder={placeholder}
              value={text}
              onChange={(event) => {
                const next = event.target.value;
                setText(next);
                const result = parseEntry(next, locale, { integer, list });
                field.onChange(result && result.ok ? result.value : undefined);
              }}
              onBlur={() => {
                setBlurred(true);
                if (parsed && parsed.ok) setText(shown(parsed.value, locale));
                field.onBlur();
              }}
            />,
            message,
          )}
        </>
      )}
    />
  );
}
