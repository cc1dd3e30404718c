"use client";

import { useState } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so for a moment (also to screen readers). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const hydrated = useHydrated();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  };
  return (
    <>
      <Button variant="secondary" onClick={copy} disabled={!hydrated} aria-label={label} className="shrink-0">
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy: select the text instead" : ""}
      </span>
    </>
  );
}
