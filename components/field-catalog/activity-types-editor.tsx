"use client";
// The workspace's activity types (key as the CRM sends it, label), offered by "Create activity".
// An empty list goes back to the built-in types.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { FieldOption } from "@/lib/automations/fields";
import { saveActivityTypesAction } from "@/lib/field-catalog/server-actions";
import { StatusMessage, useCatalogAction } from "./use-catalog-action";

type Row = { key: string; label: string };

export function ActivityTypesEditor({ configured, builtIn }: { configured: readonly FieldOption[]; builtIn: readonly FieldOption[] }) {
  const [rows, setRows] = useState<Row[]>(() => configured.map((type) => ({ key: type.value, label: type.label })));
  const action = useCatalogAction();
  const update = (index: number, patch: Partial<Row>) => setRows((list) => list.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await action.run(() => saveActivityTypesAction({ types: rows }), (data) =>
      data.count === 0 ? "Saved. The built-in activity types apply again." : `Saved ${data.count} activity ${data.count === 1 ? "type" : "types"}.`,
    );
  }

  return (
    <Card className="p-5">
      <form onSubmit={save} aria-label="Activity types" className="space-y-3">
        {rows.length === 0 ? (
          <p className="text-sm text-ink-muted">None configured: automations offer the built-in types ({builtIn.map((type) => type.label).join(", ")}).</p>
        ) : (
          <ol className="space-y-2">
            {rows.map((row, index) => (
              <li key={index} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                <Field id={`activity-type-${index}-key`} label={`Type ${index + 1} key`} error={action.fieldErrors[`types.${index}.key`]}>
                  <Input id={`activity-type-${index}-key`} value={row.key} invalid={Boolean(action.fieldErrors[`types.${index}.key`])} onChange={(event) => update(index, { key: event.target.value })} maxLength={60} />
                </Field>
                <Field id={`activity-type-${index}-label`} label={`Type ${index + 1} label`} error={action.fieldErrors[`types.${index}.label`]}>
                  <Input id={`activity-type-${index}-label`} value={row.label} invalid={Boolean(action.fieldErrors[`types.${index}.label`])} onChange={(event) => update(index, { label: event.target.value })} maxLength={100} />
                </Field>
                <div className="sm:pt-6">
                  <Button variant="ghost" onClick={() => setRows((list) => list.filter((_, i) => i !== index))} aria-label={`Remove type ${index + 1}`} title="Remove">✕</Button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => setRows((list) => (list.length === 0 ? builtIn.map((type) => ({ key: type.value, label: type.label })) : [...list, { key: "", label: "" }]))}>
            {rows.length === 0 ? "Start from the built-in types" : "Add type"}
          </Button>
          <Button type="submit" disabled={action.pending}>{action.pending ? "Saving…" : "Save activity types"}</Button>
          <StatusMessage status={action.status} />
        </div>
      </form>
    </Card>
  );
}
