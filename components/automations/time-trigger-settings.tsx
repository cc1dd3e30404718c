"use client";
// Settings of the time-based triggers: days without activity, a date field N days before or after
// at an hour, or a recurring schedule; and for the first two, how many entities are already past
// the mark, with "also act on those" (catchUp).

import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field, Input, Select } from "@/components/ui/field";
import { CRON_PRESETS } from "@/lib/automations/cron-words";
import { fieldsFor, type EntityType } from "@/lib/automations/fields";
import { getTrigger } from "@/lib/automations/triggers";
import { countPastMarkAction } from "@/lib/scheduler/actions";
import { useFieldState } from "./form-helpers";

export function InactiveSettings() {
  const { register } = useFormContext();
  const days = useFieldState("trigger.days");
  return (
    <div className="space-y-3">
      <div className="max-w-xs">
        <Field id={days.id} label="Days without activity" error={days.error}>
          <Input {...days.inputProps} type="number" min={1} max={365} {...register("trigger.days", { valueAsNumber: true })} />
        </Field>
      </div>
      <CatchUp noun="deals" />
    </div>
  );
}

export function DateRelativeSettings({ entity }: { entity: EntityType }) {
  const { register } = useFormContext();
  const field = useFieldState("trigger.field");
  const days = useFieldState("trigger.days");
  const direction = useFieldState("trigger.direction");
  const at = useFieldState("trigger.at");
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id={days.id} label="Days" error={days.error}>
          <Input {...days.inputProps} type="number" min={0} max={180} {...register("trigger.days", { valueAsNumber: true })} />
        </Field>
        <Field id={direction.id} label="Before or after" error={direction.error}>
          <Select {...direction.inputProps} {...register("trigger.direction")}>
            <option value="before">before</option>
            <option value="after">after</option>
          </Select>
        </Field>
        <Field id={field.id} label="Date field" error={field.error}>
          <Select {...field.inputProps} {...register("trigger.field")}>
            {fieldsFor(entity)
              .filter((candidate) => candidate.type === "date")
              .map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.label}
                </option>
              ))}
          </Select>
        </Field>
        <Field id={at.id} label="At (workspace time)" error={at.error}>
          <Input {...at.inputProps} type="time" {...register("trigger.at")} />
        </Field>
      </div>
      <CatchUp noun={entity === "deal" ? "deals" : "activities"} />
    </div>
  );
}

export function ScheduleSettings() {
  const { register, setValue, formState } = useFormContext();
  const cron = useFieldState("trigger.cron");
  const current = useWatch({ name: "trigger.cron" }) as string | undefined;
  const preset = CRON_PRESETS.find((candidate) => candidate.cron === current?.trim())?.cron ?? "custom";
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="trigger-schedule-preset" label="Repeats">
        <Select
          id="trigger-schedule-preset"
          value={preset}
          onChange={(event) => {
            if (event.target.value !== "custom") setValue("trigger.cron", event.target.value, { shouldDirty: true, shouldValidate: formState.isSubmitted });
          }}
        >
          {CRON_PRESETS.map((candidate) => (
            <option key={candidate.cron} value={candidate.cron}>
              {candidate.label}
            </option>
          ))}
          <option value="custom">Custom (cron expression)</option>
        </Select>
      </Field>
      <Field id={cron.id} label="Cron expression (minute hour day month weekday)" error={cron.error}>
        <Input {...cron.inputProps} autoComplete="off" spellCheck={false} {...register("trigger.cron")} />
      </Field>
    </div>
  );
}

/** "3 deals are already past the mark" and the catchUp box, recounted as the settings change. */
function CatchUp({ noun }: { noun: string }) {
  const { register } = useFormContext();
  const trigger = useWatch({ name: "trigger" }) as Record<string, unknown> | undefined;
  const count = usePastMarkCount(trigger);
  return (
    <div className="space-y-1">
      <p className="text-sm text-ink-muted" aria-live="polite">
        {count === null ? "Counting what is already past the mark…" : `${count} ${count === 1 ? noun.replace(/ies$/, "y").replace(/s$/, "") : noun} ${count === 1 ? "is" : "are"} already past the mark.`}{" "}
        By default only those reaching it after the automation is switched on are acted on.
      </p>
      <label className="inline-flex items-center gap-2 text-sm text-ink">
        <input type="checkbox" className="h-4 w-4 rounded border-surface-line accent-brand-600" {...register("trigger.catchUp")} />
        Also act on those (at the next check, once each)
      </label>
    </div>
  );
}

function usePastMarkCount(trigger: Record<string, unknown> | undefined): number | null {
  const key = JSON.stringify({ ...trigger, catchUp: undefined });
  const [result, setResult] = useState<{ key: string; count: number | null } | null>(null);
  useEffect(() => {
    // Read back from the key: an equal trigger in a new object asks nothing.
    const candidate = JSON.parse(key) as Record<string, unknown>;
    const parsed = typeof candidate.type === "string" ? getTrigger(candidate.type)?.schema.safeParse(candidate) : undefined;
    if (!parsed?.success) return;
    let current = true;
    // Debounced: typing "14" must not ask twice.
    const timer = setTimeout(() => {
      countPastMarkAction(parsed.data).then(
        (answer) => current && setResult({ key, count: answer.ok ? answer.data.count : null }),
        () => current && setResult({ key, count: null }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return result?.key === key ? result.count : null;
}
