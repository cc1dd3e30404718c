"use client";
// A searchable pick of one automation among many (the logs' filter with 200 near-identical
// names): type to narrow the browser's own suggestion list, each shown with its owner. The chosen
// automation's id goes in a hidden input, so the form still submits as a plain GET.

import { useState } from "react";
import { Input } from "@/components/ui/field";

export type AutomationChoice = { id: string; name: string; ownerEmail?: string | null };

function optionText(automation: AutomationChoice): string {
  return automation.ownerEmail ? `${automation.name} · ${automation.ownerEmail}` : automation.name;
}

export function AutomationCombobox({ id, name, automations, defaultId }: { id: string; name: string; automations: readonly AutomationChoice[]; defaultId?: string }) {
  const initial = automations.find((automation) => automation.id === defaultId);
  const [text, setText] = useState(initial ? optionText(initial) : "");
  const match = automations.find((automation) => optionText(automation) === text);
  const unknown = text.trim() !== "" && !match;
  return (
    <>
      <Input
        id={id}
        type="search"
        list={`${id}-options`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="All automations: type to search"
        autoComplete="off"
        invalid={unknown}
        aria-describedby={unknown ? `${id}-hint` : undefined}
      />
      <input type="hidden" name={name} value={match?.id ?? ""} />
      <datalist id={`${id}-options`}>
        {automations.map((automation) => (
          <option key={automation.id} value={optionText(automation)} />
        ))}
      </datalist>
      {unknown ? (
        <p id={`${id}-hint`} className="text-xs text-danger">
          Pick one of the suggestions, or clear to see all automations.
        </p>
      ) : null}
    </>
  );
}
