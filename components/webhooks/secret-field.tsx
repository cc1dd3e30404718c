"use client";

import { useId, useState } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

const SIGNING_MASK = "whsec_" + "•".repeat(24);

/** A source's secret (signing secret, bearer token or Basic password): masked until revealed; copying works either way. */
export function SecretField({
  secret,
  sourceName,
  label = "Signing secret",
  noun = "secret",
  mask = SIGNING_MASK,
}: {
  secret: string;
  sourceName: string;
  label?: string;
  /** How the buttons name it: "Reveal the <noun> of <source>". */
  noun?: string;
  mask?: string;
}) {
  const [revealed, setRevealed] = useState(false);
  const hydrated = useHydrated();
  const id = useId();
  return (
    <div className="space-y-1">
      <span id={id} className="block text-sm font-medium text-ink">
        {label}
      </span>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className="min-w-0 flex-1 truncate rounded-md border border-surface-line bg-surface-sunken px-2.5 py-1.5 font-mono text-sm">
          {revealed ? secret : mask}
        </code>
        <Button variant="secondary" onClick={() => setRevealed(!revealed)} disabled={!hydrated} aria-pressed={revealed} aria-label={`${revealed ? "Hide" : "Reveal"} the ${noun} of ${sourceName}`}>
          {revealed ? "Hide" : "Reveal"}
        </Button>
        <CopyButton value={secret} label={`Copy the ${noun} of ${sourceName}`} />
      </div>
    </div>
  );
}
