"use client";
// A Supabase source's tables and columns: which `schema.table` is which entity, and which columns
// hold the primary key, the owner, the stage and the event time (the deduplication identity).
// Controlled fields, so a refused save keeps what the admin typed; folded away once deduplicated,
// and left as the admin set it across saves.

import { useActionState, useState } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { FormMessage } from "@/components/auth/form-message";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { formatTableLines, type SupabaseMapping } from "@/lib/webhooks/adapters/supabase-mapping";
import { updateSupabaseMappingAction } from "@/lib/webhooks/sources/actions";
import type { SourceActionState } from "@/lib/webhooks/sources/types";

const COLUMNS = [
  { name: "idColumn", label: "Primary key column", key: "id", hint: "Becomes the entity id." },
  { name: "ownerColumn", label: "Owner column", key: "owner", hint: "A member's CRM user id, user id or email." },
  { name: "stageColumn", label: "Stage column", key: "stage", hint: "Deals only: the stage triggers read." },
  { name: "eventTimeColumn", label: "Event time column", key: "eventTime", hint: "Kept current by a trigger (see docs/webhooks.md). Empty: not deduplicated." },
] as const;

export function SupabaseMappingForm({ sourceId, sourceName, mapping, initiallyOpen }: { sourceId: string; sourceName: string; mapping: SupabaseMapping; initiallyOpen: boolean }) {
  const [state, action, pending] = useActionState(updateSupabaseMappingAction, {} as SourceActionState);
  const [open, setOpen] = useState(initiallyOpen);
  const hydrated = useHydrated();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    tables: formatTableLines(mapping.tables),
    idColumn: mapping.columns.id,
    ownerColumn: mapping.columns.owner,
    stageColumn: mapping.columns.stage,
    eventTimeColumn: mapping.columns.eventTime ?? "",
  }));
  const errors = state.fieldErrors ?? {};
  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const prefix = `mapping-${sourceId}`;
  return (
    <details className="rounded-md border border-surface-line p-3" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-semibold text-ink">Tables and columns</summary>
      <form action={action} noValidate aria-label={`Tables and columns of ${sourceName}`} aria-busy={pending} className="mt-3 space-y-3">
        <input type="hidden" name="sourceId" value={sourceId} />
        <FormMessage id={`${prefix}-message`} error={state.error} notice={state.ok ? state.message : undefined} />
        <Field id={`${prefix}-tables`} label="Tables" error={errors.tables} hint="One per line: schema.table = deal, contact, organization or activity. Deliveries from other tables are refused (400).">
          <Textarea
            id={`${prefix}-tables`}
            name="tables"
            rows={Math.min(8, Math.max(3, values.tables.split("\n").length + 1))}
            value={values.tables}
            onChange={set("tables")}
            spellCheck={false}
            className="font-mono"
            invalid={Boolean(errors.tables)}
            aria-describedby={errors.tables ? `${prefix}-tables-error` : undefined}
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          {COLUMNS.map((column) => (
            <Field key={column.name} id={`${prefix}-${column.name}`} label={column.label} error={errors[column.name]} hint={column.hint}>
              <Input
                id={`${prefix}-${column.name}`}
                name={column.name}
                value={values[column.name]}
                onChange={set(column.name)}
                autoComplete="off"
                spellCheck={false}
                invalid={Boolean(errors[column.name])}
                aria-describedby={errors[column.name] ? `${prefix}-${column.name}-error` : undefined}
              />
            </Field>
          ))}
        </div>
        <Button type="submit" variant="secondary" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save tables and columns"}
        </Button>
      </form>
    </details>
  );
}
