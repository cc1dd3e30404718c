"use client";
// One pipeline: its name and its stages in order (id as the CRM sends it, label), saved together;
// or its stage list replaced from pasted JSON. A new pipeline starts with one empty stage.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FieldError, Input, Textarea } from "@/components/ui/field";
import type { CatalogPipelineConfig } from "@/lib/automations/field-catalog";
import { MAX_IMPORT_CHARS } from "@/lib/field-catalog/parse-stage-import";
import { deletePipelineAction, importPipelineStagesAction, savePipelineAction } from "@/lib/field-catalog/server-actions";
import { StatusMessage, useCatalogAction } from "./use-catalog-action";

type Stage = { id: string; label: string };

export function PipelineEditor({ pipeline, onDone }: { pipeline: CatalogPipelineConfig | null; onDone?: () => void }) {
  const [name, setName] = useState(pipeline?.name ?? "");
  const [stages, setStages] = useState<Stage[]>(pipeline?.stages.map((stage) => ({ ...stage })) ?? [{ id: "", label: "" }]);
  const action = useCatalogAction();
  const title = pipeline ? pipeline.name : "New pipeline";
  const prefix = pipeline ? `pipeline-${pipeline.id}` : "pipeline-new";
  const error = (path: string) => action.fieldErrors[path];

  const update = (index: number, patch: Partial<Stage>) => setStages((list) => list.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)));
  const move = (index: number, by: number) =>
    setStages((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const saved = await action.run(() => savePipelineAction({ id: pipeline?.id, name, stages }), () => `Saved “${name.trim()}” with ${stages.length} ${stages.length === 1 ? "stage" : "stages"}.`);
    if (saved && !pipeline) onDone?.();
  }

  async function remove() {
    if (!pipeline || !window.confirm(`Delete the pipeline “${pipeline.name}” and its ${pipeline.stages.length} stages? Automations that name its stages keep them as typed.`)) return;
    await action.run(() => deletePipelineAction(pipeline.id), () => `Deleted “${pipeline.name}”.`);
  }

  return (
    <Card className="p-5">
      <form onSubmit={save} aria-label={title} className="space-y-4">
        <Field id={`${prefix}-name`} label="Pipeline name" error={error("name")}>
          <Input id={`${prefix}-name`} value={name} invalid={Boolean(error("name"))} onChange={(event) => setName(event.target.value)} maxLength={100} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-ink">Stages, in order</legend>
          <p className="text-xs text-ink-muted">The id is the stage as your CRM sends it in a deal’s “stage” (Pipedrive sends numbers, such as 3). Events may name a stage by its id or its label, in any case.</p>
          <ol className="space-y-2">
            {stages.map((stage, index) => (
              <li key={index} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                <Field id={`${prefix}-stage-${index}-id`} label={`Stage ${index + 1} id`} error={error(`stages.${index}.id`)}>
                  <Input id={`${prefix}-stage-${index}-id`} value={stage.id} invalid={Boolean(error(`stages.${index}.id`))} onChange={(event) => update(index, { id: event.target.value })} maxLength={100} />
                </Field>
                <Field id={`${prefix}-stage-${index}-label`} label={`Stage ${index + 1} label`} error={error(`stages.${index}.label`)}>
                  <Input id={`${prefix}-stage-${index}-label`} value={stage.label} invalid={Boolean(error(`stages.${index}.label`))} onChange={(event) => update(index, { label: event.target.value })} maxLength={100} />
                </Field>
                <div className="flex gap-1 sm:pt-6">
                  <Button variant="ghost" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move stage ${index + 1} up`} title="Move up">↑</Button>
                  <Button variant="ghost" disabled={index === stages.length - 1} onClick={() => move(index, 1)} aria-label={`Move stage ${index + 1} down`} title="Move down">↓</Button>
                  <Button variant="ghost" disabled={stages.length === 1} onClick={() => setStages((list) => list.filter((_, i) => i !== index))} aria-label={`Remove stage ${index + 1}`} title="Remove">✕</Button>
                </div>
              </li>
            ))}
          </ol>
          <FieldError message={error("stages")} />
          <Button variant="secondary" onClick={() => setStages((list) => [...list, { id: "", label: "" }])}>Add stage</Button>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={action.pending}>{action.pending ? "Saving…" : pipeline ? "Save pipeline" : "Create pipeline"}</Button>
          {pipeline ? <Button variant="secondary" onClick={remove} disabled={action.pending}>Delete pipeline</Button> : <Button variant="ghost" onClick={onDone}>Cancel</Button>}
          <StatusMessage status={action.status} />
        </div>
      </form>
      <StageImport pipeline={pipeline} name={name} onImported={(imported) => (pipeline ? setStages(imported) : onDone?.())} />
    </Card>
  );
}

/** "Import stages from JSON": replaces this pipeline's stages, or creates the new one with them. */
function StageImport({ pipeline, name, onImported }: { pipeline: CatalogPipelineConfig | null; name: string; onImported: (stages: Stage[]) => void }) {
  const [json, setJson] = useState("");
  const action = useCatalogAction();
  const id = pipeline ? `import-${pipeline.id}` : "import-new";

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const imported = await action.run(
      () => importPipelineStagesAction({ pipelineId: pipeline?.id, name, json }),
      (data) => `Imported ${data.stages.length} ${data.stages.length === 1 ? "stage" : "stages"}.`,
    );
    if (imported) {
      setJson("");
      onImported(imported.stages);
    }
  }

  return (
    <details className="mt-4 border-t border-surface-line pt-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Import stages from JSON</summary>
      <form onSubmit={submit} aria-label={`Import stages into ${pipeline?.name ?? "the new pipeline"}`} className="mt-3 space-y-3">
        <Field
          id={id}
          label="Stages as JSON"
          error={action.fieldErrors.json}
          hint={`A list such as [{"id": "3", "label": "Qualified"}], a list of labels, or a Pipedrive stages response. It replaces ${pipeline ? "this pipeline’s" : "the new pipeline’s"} stages. At most ${MAX_IMPORT_CHARS.toLocaleString("en-US")} characters.`}
        >
          <Textarea id={id} rows={5} value={json} invalid={Boolean(action.fieldErrors.json)} onChange={(event) => setJson(event.target.value)} className="font-mono text-xs" />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" disabled={action.pending || !json.trim()}>{action.pending ? "Importing…" : "Import stages"}</Button>
          {/* An import error is shown under the text area; others (a missing name) here. */}
          {action.status && !(action.status.tone === "error" && action.fieldErrors.json) ? <StatusMessage status={action.status} /> : null}
        </div>
      </form>
    </details>
  );
}
