"use client";
// The workspace's number format: a select, an example of how numbers are written in it, and save.

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { WORKSPACE_LOCALES, type WorkspaceLocale } from "@/lib/workspaces/locales";
import { formatNumber } from "@/lib/workspaces/number-format";
import { updateWorkspaceSettingsAction } from "@/lib/workspaces/server-actions";

export function LocaleForm({ locale }: { locale: WorkspaceLocale }) {
  const router = useRouter();
  const [value, setValue] = useState<string>(locale);
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    try {
      const result = await updateWorkspaceSettingsAction({ locale: value });
      setStatus(result.ok ? { tone: "success", text: "Saved. Numbers are now read and written in this format." } : { tone: "error", text: result.error });
      if (result.ok) router.refresh();
    } catch {
      setStatus({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={save} className="max-w-md space-y-4" aria-label="Number format">
      <Field id="locale" label="Number format" hint={`Numbers are typed and shown like ${formatNumber(1250.5, value)} and ${formatNumber(50000, value)}.`}>
        <Select id="locale" name="locale" value={value} onChange={(event) => setValue(event.target.value)}>
          {WORKSPACE_LOCALES.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label} ({formatNumber(1250.5, option.id)})
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {status ? (
          <p role={status.tone === "error" ? "alert" : "status"} className={`text-sm font-medium ${status.tone === "error" ? "text-danger" : "text-success"}`}>
            {status.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
