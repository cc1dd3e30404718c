"use client";
// Custom fields per entity (key as the CRM sends it in the entity's data, label, type, options for
// a single choice): listed with Edit and Delete, and one form to add or change a field.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { CustomFieldConfig } from "@/lib/automations/field-catalog";
import { ENTITY_LABELS, ENTITY_TYPES, type EntityType, type FieldType } from "@/lib/automations/fields";
import { parseOptionLines } from "@/lib/field-catalog/catalog-input";
import { deleteCustomFieldAction, saveCustomFieldAction } from "@/lib/field-catalog/server-actions";
import { StatusMessage, useCatalogAction } from "./use-catalog-action";

const TYPE_LABELS: Record<FieldType, string> = { text: "Text", number: "Number", date: "Date", boolean: "Yes / no", choice: "Single choice" };

type Draft = { id?: string; entity: EntityType; key: string; label: string; type: FieldType; options: string };

const BLANK: Draft = { entity: "deal", key: "", label: "", type: "text", options: "" };

function draftOf(field: CustomFieldConfig): Draft {
  const options = (field.options ?? []).map((option) => (option.label === option.value ? option.value : `${option.value}: ${option.label}`)).join("\n");
  return { id: field.id, entity: field.entity, key: field.key, label: field.label, type: field.type, options };
}

export function CustomFieldsEditor({ fields }: { fields: readonly CustomFieldConfig[] }) {
  const [draft, setDraft] = useState<Draft>(BLANK);
  const list = useCatalogAction();
  const form = useCatalogAction();
  const error = (path: string) => form.fieldErrors[path];
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { id: draft.id, entity: draft.entity, key: draft.key, label: draft.label, type: draft.type, options: parseOptionLines(draft.options) };
    const saved = await form.run(() => saveCustomFieldAction(input), () => `Saved the field “${draft.label.trim()}”.`);
    if (saved) setDraft(BLANK);
  }

  async function remove(field: CustomFieldConfig) {
    if (!window.confirm(`Delete the custom field “${field.label}”?`)) return;
    await list.run(() => deleteCustomFieldAction(field.id ?? ""), () => `Deleted the field “${field.label}”.`);
  }

  return (
    <Card className="p-5">
      {fields.length === 0 ? (
        <p className="text-sm text-ink-muted">No custom fields yet.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Custom fields">
          <thead className="text-xs uppercase tracking-wide text-ink-muted">
            <tr><th className="py-1 pr-3">Label</th><th className="py-1 pr-3">Entity</th><th className="py-1 pr-3">Key</th><th className="py-1 pr-3">Type</th><th className="py-1"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.id} className="border-t border-surface-line">
                <td className="py-2 pr-3 font-medium text-ink">{field.label}</td>
                <td className="py-2 pr-3">{ENTITY_LABELS[field.entity]}</td>
                <td className="py-2 pr-3 font-mono text-xs">{field.key}</td>
                <td className="py-2 pr-3">{TYPE_LABELS[field.type]}{field.type === "choice" ? ` (${field.options?.map((option) => option.label).join(", ")})` : ""}</td>
                <td className="py-2 text-right">
                  <Button variant="ghost" onClick={() => setDraft(draftOf(field))} aria-label={`Edit ${field.label}`}>Edit</Button>
                  <Button variant="ghost" onClick={() => remove(field)} disabled={list.pending} aria-label={`Delete ${field.label}`}>Delete</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StatusMessage status={list.status} />
      <form onSubmit={save} aria-label={draft.id ? "Edit custom field" : "Add a custom field"} className="mt-4 space-y-3 border-t border-surface-line pt-4">
        <h3 className="text-sm font-semibold text-ink">{draft.id ? `Edit “${draft.label}”` : "Add a custom field"}</h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="custom-field-entity" label="Belongs to" error={error("entity")}>
            <Select id="custom-field-entity" value={draft.entity} onChange={(event) => set({ entity: event.target.value as EntityType })}>
              {ENTITY_TYPES.map((entity) => <option key={entity} value={entity}>{ENTITY_LABELS[entity]}</option>)}
            </Select>
          </Field>
          <Field id="custom-field-type" label="Type" error={error("type")}>
            <Select id="custom-field-type" value={draft.type} onChange={(event) => set({ type: event.target.value as FieldType })}>
              {(Object.keys(TYPE_LABELS) as FieldType[]).map((type) => <option key={type} value={type}>{TYPE_LABELS[type]}</option>)}
            </Select>
          </Field>
          <Field id="custom-field-label" label="Label" error={error("label")}>
            <Input id="custom-field-label" value={draft.label} invalid={Boolean(error("label"))} onChange={(event) => set({ label: event.target.value })} maxLength={100} />
          </Field>
          <Field id="custom-field-key" label="Key" error={error("key")} hint="As your CRM sends it in the entity’s data (Pipedrive: the field’s API key).">
            <Input id="custom-field-key" value={draft.key} invalid={Boolean(error("key"))} onChange={(event) => set({ key: event.target.value })} maxLength={64} className="font-mono" />
          </Field>
        </div>
        {draft.type === "choice" ? (
          <Field id="custom-field-options" label="Options" error={error("options") ?? Object.entries(form.fieldErrors).find(([key]) => key.startsWith("options."))?.[1]} hint="One per line: the value as sent, or “value: Label”.">
            <Textarea id="custom-field-options" rows={4} value={draft.options} invalid={Boolean(error("options"))} onChange={(event) => set({ options: event.target.value })} />
          </Field>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.pending}>{form.pending ? "Saving…" : draft.id ? "Save field" : "Add field"}</Button>
          {draft.id ? <Button variant="ghost" onClick={() => setDraft(BLANK)}>Cancel</Button> : null}
          <StatusMessage status={form.status} />
        </div>
      </form>
    </Card>
  );
}
