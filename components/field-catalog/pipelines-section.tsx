"use client";
// Every pipeline's editor, and "New pipeline" to open an empty one.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { CatalogPipelineConfig } from "@/lib/automations/field-catalog";
import type { FieldOption } from "@/lib/automations/fields";
import { PipelineEditor } from "./pipeline-editor";

export function PipelinesSection({ pipelines, builtInStages }: { pipelines: readonly CatalogPipelineConfig[]; builtInStages: readonly FieldOption[] }) {
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-4">
      {pipelines.length === 0 ? (
        <p className="text-sm text-ink-muted">
          None configured: deals use the built-in stages ({builtInStages.map((stage) => stage.label).join(", ")}). Once you add a pipeline, its stages replace them.
        </p>
      ) : null}
      {pipelines.map((pipeline) => (
        <PipelineEditor key={pipeline.id} pipeline={pipeline} />
      ))}
      {adding ? <PipelineEditor pipeline={null} onDone={() => setAdding(false)} /> : <Button variant="secondary" onClick={() => setAdding(true)}>New pipeline</Button>}
    </div>
  );
}
