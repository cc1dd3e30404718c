"use client";
// Import from a file or pasted JSON: preview first (what will happen to each automation, every
// problem with its path), then import all of them, switched off, in one go.

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import type { ImportPreview } from "@/lib/transfer/import-automations";
import { importAction, previewImportAction } from "@/lib/transfer/transfer-actions";

const MAX_BYTES = 1024 * 1024;

export function ImportPanel() {
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();

  async function readFile(file: File | undefined) {
    setPreview(null);
    setMessage(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setMessage({ tone: "error", text: "The file is larger than 1 MB; export fewer automations at a time." });
      return;
    }
    setText(await file.text());
  }

  const previewNow = () =>
    start(async () => {
      setMessage(null);
      const result = await previewImportAction(text);
      if (result.ok) setPreview(result.data);
      else {
        setPreview(null);
        setMessage({ tone: "error", text: result.error });
      }
    });

  const importNow = () =>
    start(async () => {
      const result = await importAction(text);
      if (result.ok) {
        setPreview(null);
        setText("");
        setMessage({ tone: "success", text: `Imported ${result.data.ids.length} ${result.data.ids.length === 1 ? "automation" : "automations"}, switched off: review them, then switch them on.` });
      } else setMessage({ tone: "error", text: result.error });
    });

  return (
    <div className="space-y-4">
      <Field id="import-file" label="Export file (.json, at most 1 MB)">
        <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => void readFile(e.target.files?.[0])} className="text-sm" />
      </Field>
      <Field id="import-text" label="Or paste the export">
        <Textarea id="import-text" rows={6} value={text} onChange={(e) => { setText(e.target.value); setPreview(null); }} spellCheck={false} className="font-mono text-xs" />
      </Field>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={previewNow} disabled={pending || text.trim() === ""}>Preview import</Button>
        {preview && preview.problems.length === 0 && preview.items.length > 0 ? (
          <Button onClick={importNow} disabled={pending}>Import {preview.items.length} {preview.items.length === 1 ? "automation" : "automations"}</Button>
        ) : null}
      </div>
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm font-medium ${message.tone === "error" ? "text-danger" : "text-success"}`}>
          {message.text} {message.tone === "success" ? <Link href="/settings/automations" className="text-brand-700 underline">See them</Link> : null}
        </p>
      ) : null}
      {preview ? <PreviewTable preview={preview} /> : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <section aria-label="Import preview" className="text-sm">
      {preview.problems.length > 0 ? (
        <p className="mb-2 font-medium text-danger">Nothing can be imported until these problems are fixed in the file.</p>
      ) : (
        <p className="mb-2 text-ink">Nothing has been written yet. Imported automations start switched off.</p>
      )}
      <ul className="divide-y divide-surface-line rounded-card border border-surface-line bg-white">
        {preview.items.map((item) => (
          <li key={item.index} className="px-4 py-2">
            <p>
              <span className="font-medium">{item.name}</span>{" "}
              <span className="text-ink-muted">{item.action === "create" ? "will be created" : `name taken: will be created as “${item.createAs}”`}</span>
            </p>
            {item.needsValue.map((path) => (
              <p key={path} className="text-warning">{path}: needs a value (it was redacted on export)</p>
            ))}
            {item.problems.map((problem) => (
              <p key={problem.path} className="text-danger">{problem.path}: {problem.message}</p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
