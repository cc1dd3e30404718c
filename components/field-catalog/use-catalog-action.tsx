"use client";
// One server action at a time from a catalog editor: pending state, the message to show (success
// or the server's error), per-field errors keyed by path, and a refresh once something changed.

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/result";

export type ActionStatus = { tone: "error" | "success"; text: string } | null;

export function useCatalogAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<ActionStatus>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => string): Promise<T | null> {
    setPending(true);
    setStatus(null);
    setFieldErrors({});
    try {
      const result = await action();
      if (!result.ok) {
        setStatus({ tone: "error", text: result.error });
        setFieldErrors(result.fieldErrors ?? {});
        return null;
      }
      setStatus({ tone: "success", text: success(result.data) });
      router.refresh();
      return result.data;
    } catch {
      setStatus({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
      return null;
    } finally {
      setPending(false);
    }
  }

  return { pending, status, fieldErrors, run, setStatus };
}

export function StatusMessage({ status }: { status: ActionStatus }) {
  if (!status) return null;
  return (
    <p role={status.tone === "error" ? "alert" : "status"} className={`whitespace-pre-line text-sm font-medium ${status.tone === "error" ? "text-danger" : "text-success"}`}>
      {status.text}
    </p>
  );
}
