"use client";
// "Test run": the form as it is now (saved or not) against one of the workspace's recent events or
// a sample payload. Shows whether the trigger matches, the condition trace and the actions that
// would run with their templates rendered. The server evaluates it; nothing is saved or sent.

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useFormContext, useWatch, type Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Select, Textarea } from "@/components/ui/field";
import { ENTITY_LABELS } from "@/lib/automations/fields";
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { TestRunOutcome } from "@/lib/runs/evaluate-test-run";
import { runKeys } from "@/lib/runs/query-keys";
import { samplePayload } from "@/lib/runs/sample-payloads";
import { listTestEventsAction, testRunAutomation } from "@/lib/runs/test-run-actions";
import { useFieldCatalog } from "./field-catalog-context";
import { TestRunResult } from "./test-run-result";
import { triggerEntity } from "./trigger-picker";

type Mode = "event" | "payload";

const receivedFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function TestRunPanel({ sampleOwner }: { sampleOwner?: string }) {
  const form = useFormContext<AutomationFormValues>();
  const catalog = useFieldCatalog();
  const trigger = useWatch<AutomationFormValues, "trigger">({ name: "trigger" });
  const entity = triggerEntity(trigger);
  const noun = ENTITY_LABELS[entity].toLowerCase();
  const [mode, setMode] = useState<Mode>("event");
  const [chosenEventId, setChosenEventId] = useState("");
  // null: follow the sample for the current trigger; a string once the user edits the text.
  const [editedPayload, setEditedPayload] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<TestRunOutcome | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);

  const events = useQuery({
    queryKey: runKeys.testEvents(entity),
    queryFn: async () => {
      const result = await listTestEventsAction(entity);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const options = events.data ?? [];
  const eventId = options.some((event) => event.id === chosenEventId) ? chosenEventId : (options[0]?.id ?? "");
  // The sample's time is fixed when the panel mounts, so the text does not change under the user.
  const [sampleTime] = useState(() => new Date());
  const triggerKey = JSON.stringify(trigger);
  const sample = useMemo(
    () => JSON.stringify(samplePayload(JSON.parse(triggerKey) as Record<string, unknown>, { now: sampleTime, owner: sampleOwner, catalog }), null, 2),
    [triggerKey, sampleOwner, sampleTime, catalog],
  );
  const payload = editedPayload ?? sample;

  async function run() {
    setPending(true);
    setMessage(null);
    setSourceError(null);
    let result: Awaited<ReturnType<typeof testRunAutomation>>;
    try {
      result = await testRunAutomation(form.getValues(), mode === "event" ? { eventId } : { payload });
    } catch {
      result = { ok: false, error: "Could not reach the server. Check your connection and try again." };
    }
    setPending(false);
    if (result.ok) {
      form.clearErrors();
      setOutcome(result.data);
      return;
    }
    setOutcome(null);
    // One message per problem: a payload error shows under the payload, not again below the panel.
    let shownAtField = false;
    for (const [key, text] of Object.entries(result.fieldErrors ?? {})) {
      if (key.startsWith("testRun.")) {
        setSourceError(text);
        shownAtField = true;
      } else if (key !== "form") form.setError(key as Path<AutomationFormValues>, { type: "server", message: text });
    }
    if (!shownAtField) setMessage(result.error);
  }

  return (
    <div className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-ink">Test with</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="test-run-mode" checked={mode === "event"} onChange={() => setMode("event")} />A recent event
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="test-run-mode" checked={mode === "payload"} onChange={() => setMode("payload")} />A sample payload
          </label>
        </div>
        {mode === "event" ? (
          <Field
            id="test-run-event"
            label="Recent event"
            error={sourceError ?? undefined}
            hint={events.isError ? "Could not load recent events." : options.length === 0 && !events.isPending ? `No recent ${noun} events you can see: use a sample payload instead.` : `The last ${noun} events received, newest first.`}
          >
            <Select id="test-run-event" value={eventId} onChange={(event) => setChosenEventId(event.target.value)} disabled={options.length === 0}>
              {options.length === 0 ? <option value="">{events.isPending ? "Loading…" : `No recent ${noun} events`}</option> : null}
              {options.map((event) => (
                <option key={event.id} value={event.id}>
                  {`${event.type} · ${event.entityId}${event.label ? ` · ${event.label}` : ""} · ${receivedFormat.format(new Date(event.receivedAt))} UTC`}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <Field id="test-run-payload" label="Sample payload" error={sourceError ?? undefined} hint="The native webhook format. Prefilled for the trigger above; edit it freely.">
            <Textarea id="test-run-payload" rows={14} spellCheck={false} className="font-mono text-xs" value={payload} onChange={(event) => setEditedPayload(event.target.value)} />
            {editedPayload !== null ? (
              <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => setEditedPayload(null)}>
                Reset to the sample for this trigger
              </button>
            ) : null}
          </Field>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={run} disabled={pending || (mode === "event" && !eventId)}>
          {pending ? "Testing…" : "Test run"}
        </Button>
        <span className="text-xs text-ink-muted">Uses the form as it is now, saved or not. Nothing is saved or sent.</span>
      </div>
      {message ? <FieldError message={message} /> : null}
      {outcome ? <TestRunResult outcome={outcome} catalog={catalog} /> : null}
    </div>
  );
}
